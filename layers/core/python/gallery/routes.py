"""The route table: one source of truth for the CDK API stack, the local gateway and the
statuses the OpenAPI document gives each route."""

from dataclasses import dataclass

from gallery.errors import (
    BadRequest,
    Conflict,
    FileTooLarge,
    Forbidden,
    GalleryError,
    NotFound,
    PasswordRequired,
    QuotaExceeded,
    SearchUnavailable,
    TooManyRequests,
    Unauthorized,
)


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # API Gateway syntax: /api/v1/files/images/{image_id}
    function: str  # folder under functions/
    auth: bool = True
    errors: tuple[type[GalleryError], ...] = ()
    """What the service may answer besides success. The shape of the route adds the rest
    (gallery.openapi.with_error_responses): 401 without a valid token on authenticated routes,
    422 where there are parameters, 400 and 415 where there is a body."""

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"


# Another user's id answers 404 like an unknown one: existence is not leaked.
MINE = (NotFound,)
# Outsiders get 404, members without the role 403.
MEMBER = (Forbidden, NotFound)
# Unknown, revoked, expired and used-up links all answer 404; protected ones 401 until the
# password is given; a grant that is missing or expired 401 too. A smart folder's link
# searches: 503 while the search backend cannot answer.
LINK = (PasswordRequired, NotFound, SearchUnavailable)
# A link's images: its grant missing or expired is 401, a download on a view link 403.
VISITOR = (PasswordRequired, Unauthorized, Forbidden, NotFound, SearchUnavailable)
# No password to give (400), a wrong one (401), too many wrong ones (429).
PASSWORD = (BadRequest, Unauthorized, NotFound, TooManyRequests)
# Memberships: a workspace keeps an owner; an address is a member or invited once.
MEMBERSHIP = (*MEMBER, Conflict)
# The search backend unreachable: 503 (writes still go through the outbox).
SEARCH = (*MEMBER, SearchUnavailable)

WORKSPACE = "/api/v1/workspaces/{workspace_id}"
INVITATION = "/api/v1/workspaces/invitations/{invitation_id}"
LINK_PATH = "/api/v1/shares/{share_token}"
SMART_FOLDER = "/api/v1/files/smart-folders/{smart_folder_id}"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/api/v1/openapi.json", "docs", auth=False),
    Route("GET", "/api/v1/files/images", "files"),
    Route("POST", "/api/v1/files/images/bulk", "files", errors=MINE),
    Route("GET", "/api/v1/files/images/{image_id}", "files", errors=MINE),
    Route("GET", "/api/v1/files/images/{image_id}/download", "files", errors=MINE),
    Route("GET", "/api/v1/files/images/{image_id}/stack", "files", errors=MINE),
    Route("GET", "/api/v1/files/images/{image_id}/generation", "files", errors=MINE),
    Route("GET", "/api/v1/files/images/{image_id}/compare/{other_id}", "files", errors=MINE),
    Route("PATCH", "/api/v1/files/images/{image_id}", "files", errors=MINE),
    Route("DELETE", "/api/v1/files/images/{image_id}", "files", errors=MINE),
    Route("GET", "/api/v1/files/folders", "files"),
    Route("POST", "/api/v1/files/folders", "files", errors=(NotFound, Conflict)),
    Route("PATCH", "/api/v1/files/folders/{folder_id}", "files", errors=(NotFound, Conflict)),
    Route("DELETE", "/api/v1/files/folders/{folder_id}", "files", errors=(NotFound, Conflict)),
    Route("GET", "/api/v1/files/smart-folders", "search", errors=(SearchUnavailable,)),
    Route("POST", "/api/v1/files/smart-folders", "search", errors=(Conflict, SearchUnavailable)),
    Route("GET", SMART_FOLDER, "search", errors=(NotFound, SearchUnavailable)),
    Route("PATCH", SMART_FOLDER, "search", errors=(NotFound, Conflict, SearchUnavailable)),
    Route("DELETE", SMART_FOLDER, "search", errors=MINE),
    Route("GET", SMART_FOLDER + "/images", "search", errors=(*SEARCH, Conflict)),
    Route("POST", "/api/v1/files/exports", "files", errors=(NotFound, TooManyRequests)),
    Route("GET", "/api/v1/files/exports/{export_id}", "files", errors=MINE),
    Route("GET", "/api/v1/files/tags", "files"),
    Route("GET", "/api/v1/files/storage-usage", "files"),
    Route("POST", "/api/v1/files/images/{image_id}/restore", "files", errors=MINE),
    Route("GET", "/api/v1/files/trash", "files"),
    Route("DELETE", "/api/v1/files/trash", "files", errors=MINE),
    Route("DELETE", "/api/v1/files/me/data", "files"),
    Route("GET", "/api/v1/search/images", "search", errors=SEARCH),
    Route("GET", "/api/v1/search/facets", "search", errors=SEARCH),
    Route("GET", "/api/v1/search/tags/suggest", "search", errors=(SearchUnavailable,)),
    Route("POST", "/api/v1/shares", "shares", errors=MINE),
    Route("GET", "/api/v1/shares", "shares"),
    Route("PATCH", "/api/v1/shares/{share_id}", "shares", errors=MINE),
    Route("DELETE", "/api/v1/shares/{share_id}", "shares", errors=MINE),
    Route("GET", "/api/v1/shares/{share_token}", "shares", auth=False, errors=LINK),
    Route("HEAD", "/api/v1/shares/{share_token}", "shares", auth=False, errors=LINK),
    Route("POST", "/api/v1/shares/{share_token}/access", "shares", auth=False, errors=PASSWORD),
    Route("GET", LINK_PATH + "/images/{image_id}/view", "shares", auth=False, errors=VISITOR),
    Route("GET", LINK_PATH + "/images/{image_id}/download", "shares", auth=False, errors=VISITOR),
    Route("GET", LINK_PATH + "/images/{image_id}/generation", "shares", auth=False,
          errors=VISITOR),
    Route("POST", LINK_PATH + "/exports", "shares", auth=False,
          errors=(*VISITOR, Conflict, TooManyRequests)),
    Route("GET", LINK_PATH + "/exports/{export_id}", "shares", auth=False, errors=VISITOR),
    # the share page for chat apps (CloudFront's /s/* behaviour): 404 is a page, not an error
    # (a smart folder's card degrades to its name while search cannot answer; the route
    # table keeps 503 as the services' code names it)
    Route("GET", "/s/{share_token}", "shares", auth=False, errors=(SearchUnavailable,)),
    Route("HEAD", "/s/{share_token}", "shares", auth=False, errors=(SearchUnavailable,)),
    Route("GET", "/s/{share_token}/image", "shares", auth=False,
          errors=(NotFound, SearchUnavailable)),
    Route("GET", "/api/v1/public/images/{image_id}", "shares", auth=False, errors=MINE),
    Route("GET", "/api/v1/public/images/{image_id}/generation", "shares", auth=False,
          errors=MINE),
    Route("GET", "/api/v1/public/images/{image_id}/view", "shares", auth=False, errors=MINE),
    Route("POST", "/api/v1/workspaces", "workspaces", errors=MINE),
    Route("GET", "/api/v1/workspaces", "workspaces"),
    Route("GET", "/api/v1/workspaces/invitations", "workspaces"),
    Route("POST", INVITATION + "/accept", "workspaces", errors=MINE),
    Route("POST", INVITATION + "/decline", "workspaces", errors=MINE),
    Route("GET", "/api/v1/workspaces/{workspace_id}", "workspaces", errors=MEMBER),
    Route("PATCH", "/api/v1/workspaces/{workspace_id}", "workspaces", errors=MEMBER),
    Route("DELETE", "/api/v1/workspaces/{workspace_id}", "workspaces", errors=MEMBER),
    Route("GET", "/api/v1/workspaces/{workspace_id}/members", "workspaces", errors=MEMBER),
    Route("GET", "/api/v1/workspaces/{workspace_id}/invitations", "workspaces", errors=MEMBER),
    Route("POST", WORKSPACE + "/invitations", "workspaces", errors=(*MEMBERSHIP, TooManyRequests)),
    Route("DELETE", WORKSPACE + "/invitations/{email}", "workspaces", errors=MEMBER),
    Route("PATCH", WORKSPACE + "/members/{user_id}", "workspaces", errors=MEMBERSHIP),
    Route("DELETE", WORKSPACE + "/members/{user_id}", "workspaces", errors=MEMBERSHIP),
    Route("GET", "/api/v1/workspaces/{workspace_id}/images", "workspaces", errors=MEMBER),
    Route("POST", "/api/v1/workspaces/{workspace_id}/images", "workspaces", errors=MEMBER),
    Route("GET", WORKSPACE + "/images/{image_id}", "workspaces", errors=MEMBER),
    Route("GET", WORKSPACE + "/images/{image_id}/download", "workspaces", errors=MEMBER),
    Route("GET", WORKSPACE + "/images/{image_id}/stack", "workspaces", errors=MEMBER),
    Route("PATCH", WORKSPACE + "/images/{image_id}", "workspaces", errors=MEMBER),
    Route("DELETE", WORKSPACE + "/images/{image_id}", "workspaces", errors=MEMBERSHIP),
    Route("POST", "/api/v1/workspaces/{workspace_id}/folders", "workspaces", errors=MEMBER),
    Route("DELETE", WORKSPACE + "/folders/{folder_id}", "workspaces", errors=MEMBER),
    Route("POST", "/api/v1/uploads", "uploads",
          errors=(NotFound, QuotaExceeded, FileTooLarge, TooManyRequests)),
    Route("GET", "/api/v1/uploads/{image_id}", "uploads", errors=MINE),
)  # fmt: skip

# Functions driven by queues and schedules rather than HTTP.
EVENT_FUNCTIONS: tuple[str, ...] = (
    "ingest", "maintenance", "indexer", "recompress", "deploy", "exporter",
)  # fmt: skip

FUNCTIONS: tuple[str, ...] = tuple(dict.fromkeys(r.function for r in ROUTES))
