"""The route table: one source of truth for the CDK API stack and the local gateway."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # API Gateway syntax: /api/v1/files/images/{image_id}
    function: str  # folder under functions/
    auth: bool = True

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"


ROUTES: tuple[Route, ...] = (
    Route("GET", "/api/v1/openapi.json", "docs", auth=False),
    Route("GET", "/api/v1/files/images", "files"),
    Route("POST", "/api/v1/files/images/bulk", "files"),
    Route("GET", "/api/v1/files/images/{image_id}", "files"),
    Route("PATCH", "/api/v1/files/images/{image_id}", "files"),
    Route("DELETE", "/api/v1/files/images/{image_id}", "files"),
    Route("GET", "/api/v1/files/folders", "files"),
    Route("POST", "/api/v1/files/folders", "files"),
    Route("PATCH", "/api/v1/files/folders/{folder_id}", "files"),
    Route("DELETE", "/api/v1/files/folders/{folder_id}", "files"),
    Route("GET", "/api/v1/files/tags", "files"),
    Route("GET", "/api/v1/files/storage-usage", "files"),
    Route("POST", "/api/v1/files/images/{image_id}/restore", "files"),
    Route("GET", "/api/v1/files/trash", "files"),
    Route("DELETE", "/api/v1/files/trash", "files"),
    Route("DELETE", "/api/v1/files/me/data", "files"),
    Route("GET", "/api/v1/search/images", "search"),
    Route("GET", "/api/v1/search/tags/suggest", "search"),
    Route("POST", "/api/v1/shares", "shares"),
    Route("GET", "/api/v1/shares", "shares"),
    Route("PATCH", "/api/v1/shares/{share_id}", "shares"),
    Route("DELETE", "/api/v1/shares/{share_id}", "shares"),
    Route("GET", "/api/v1/shares/{share_token}", "shares", auth=False),
    Route("HEAD", "/api/v1/shares/{share_token}", "shares", auth=False),
    Route("POST", "/api/v1/shares/{share_token}/access", "shares", auth=False),
    Route("GET", "/api/v1/shares/{share_token}/images/{image_id}/view", "shares", auth=False),
    Route("GET", "/api/v1/shares/{share_token}/images/{image_id}/download", "shares", auth=False),
    Route("GET", "/api/v1/public/images/{image_id}", "shares", auth=False),
    Route("GET", "/api/v1/public/images/{image_id}/view", "shares", auth=False),
    Route("POST", "/api/v1/workspaces", "workspaces"),
    Route("GET", "/api/v1/workspaces", "workspaces"),
    Route("GET", "/api/v1/workspaces/invitations", "workspaces"),
    Route("POST", "/api/v1/workspaces/invitations/{invitation_id}/accept", "workspaces"),
    Route("POST", "/api/v1/workspaces/invitations/{invitation_id}/decline", "workspaces"),
    Route("GET", "/api/v1/workspaces/{workspace_id}", "workspaces"),
    Route("PATCH", "/api/v1/workspaces/{workspace_id}", "workspaces"),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}", "workspaces"),
    Route("GET", "/api/v1/workspaces/{workspace_id}/members", "workspaces"),
    Route("GET", "/api/v1/workspaces/{workspace_id}/invitations", "workspaces"),
    Route("POST", "/api/v1/workspaces/{workspace_id}/invitations", "workspaces"),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}/invitations/{email}", "workspaces"),
    Route("PATCH", "/api/v1/workspaces/{workspace_id}/members/{user_id}", "workspaces"),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}/members/{user_id}", "workspaces"),
    Route("GET", "/api/v1/workspaces/{workspace_id}/images", "workspaces"),
    Route("POST", "/api/v1/workspaces/{workspace_id}/images", "workspaces"),
    Route("GET", "/api/v1/workspaces/{workspace_id}/images/{image_id}", "workspaces"),
    Route("PATCH", "/api/v1/workspaces/{workspace_id}/images/{image_id}", "workspaces"),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}/images/{image_id}", "workspaces"),
    Route("POST", "/api/v1/workspaces/{workspace_id}/folders", "workspaces"),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}/folders/{folder_id}", "workspaces"),
    Route("POST", "/api/v1/uploads", "uploads"),
    Route("GET", "/api/v1/uploads/{image_id}", "uploads"),
)

# Functions driven by queues and schedules rather than HTTP.
EVENT_FUNCTIONS: tuple[str, ...] = ("ingest", "maintenance", "indexer", "recompress", "deploy")

FUNCTIONS: tuple[str, ...] = tuple(dict.fromkeys(r.function for r in ROUTES))
