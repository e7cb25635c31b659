"""Shares API: my share links (create, list, change, revoke); opening a link and its images
as a visitor without an account; public images."""

from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from gallery.errors import NotFound
from gallery.http import CurrentCaller, api_handler, build_resolver, error_response
from gallery.models.exports import ExportCreated, ExportOut
from gallery.models.generation import RecallFormat
from gallery.models.shares import (
    ShareAccess,
    ShareAccessRequest,
    ShareCreate,
    SharedImage,
    SharedPage,
    ShareList,
    ShareOut,
    ShareUpdate,
)
from gallery.openapi import recall_responses
from gallery.services import share_pages
from gallery.services.shares import archives, links, passwords, public, visits

router = Router()
# A token of any shape is looked up (and not found) like any other: no answer tells a
# malformed token from an unknown one.
Token = str
Cursor = Annotated[str | None, Query(max_length=512)]


def _grant(grant: str | None) -> str | None:
    return grant or router.current_event.headers.get("x-share-grant")


_REDIRECT = {302: {"description": "Found: a short-lived URL of this one object (Location)"}}


def _redirect(url: str) -> Response:
    return Response(status_code=302, headers={"Location": url}, body="")


# --- the owner ----------------------------------------------------------------------------


@router.post("/api/v1/shares", summary="Create a share link", tags=["shares"])
def create_share(caller: CurrentCaller, request: ShareCreate) -> ShareOut:
    return links.create_share(caller, request)


@router.get("/api/v1/shares", summary="My share links, newest first", tags=["shares"])
def list_shares(
    caller: CurrentCaller,
    image_id: UUID | None = None,
    folder_id: UUID | None = None,
    page_size: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Cursor = None,
) -> ShareList:
    return links.list_shares(
        caller, image_id=image_id, folder_id=folder_id, page_size=page_size,
        cursor=cursor,
    )  # fmt: skip


@router.patch("/api/v1/shares/<share_id>", summary="Change a share link", tags=["shares"])
def update_share(caller: CurrentCaller, share_id: UUID, request: ShareUpdate) -> ShareOut:
    return links.update_share(caller, share_id, request)


@router.delete("/api/v1/shares/<share_id>", summary="Revoke a share link", tags=["shares"])
def revoke_share(caller: CurrentCaller, share_id: UUID) -> ShareOut:
    return links.revoke_share(caller, share_id)


# --- the visitor (no account) ---------------------------------------------------------------


@router.get(
    "/api/v1/shares/<share_token>",
    summary="Open a share link",
    description="Counts a view and returns an access grant, unless a grant is sent "
    "(X-Share-Grant or ?grant=). Links with a password answer 401 password_required until "
    "POST …/access. Link previews (chat unfurlers) see no images and count nothing.",
    tags=["shared"],
    security=[],
)
def open_share(
    share_token: Token,
    grant: Annotated[str | None, Query(max_length=128)] = None,
    page_size: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Cursor = None,
) -> SharedPage:
    http = router.current_event.request_context.http
    return visits.open_share(
        share_token, grant=_grant(grant), page_size=page_size, cursor=cursor,
        preview=visits.is_link_preview(http.method, http.user_agent),
    )  # fmt: skip


@router.head("/api/v1/shares/<share_token>", include_in_schema=False)
def preview_share(share_token: Token) -> SharedPage:
    return visits.open_share(share_token, grant=None, preview=True)


@router.post(
    "/api/v1/shares/<share_token>/access",
    summary="Give a share link's password; get an access grant",
    tags=["shared"],
    security=[],
)
def access_share(share_token: Token, request: ShareAccessRequest) -> ShareAccess:
    client_ip = router.current_event.request_context.http.source_ip
    return passwords.grant_access(share_token, request.password, client_ip)


@router.get(
    "/api/v1/shares/<share_token>/images/<image_id>/view",
    summary="Redirect to a shared image (needs the access grant)",
    responses=_REDIRECT,
    tags=["shared"],
    security=[],
)
def view_shared_image(
    share_token: Token, image_id: UUID, grant: Annotated[str | None, Query(max_length=128)] = None
):
    return _redirect(visits.asset_url(share_token, image_id, "view", grant=_grant(grant)))


@router.get(
    "/api/v1/shares/<share_token>/images/<image_id>/download",
    summary="Download a shared image (download links; needs the access grant)",
    responses=_REDIRECT,
    tags=["shared"],
    security=[],
)
def download_shared_image(
    share_token: Token, image_id: UUID, grant: Annotated[str | None, Query(max_length=128)] = None
):
    return _redirect(visits.asset_url(share_token, image_id, "download", grant=_grant(grant)))


@router.get(
    "/api/v1/shares/<share_token>/images/<image_id>/generation",
    summary="How a shared image was made (links that show metadata; needs the access grant)",
    responses=recall_responses(),
    tags=["shared"],
    security=[],
)
def shared_generation(
    share_token: Token,
    image_id: UUID,
    format: Annotated[RecallFormat, Query()] = "json",
    grant: Annotated[str | None, Query(max_length=128)] = None,
):  # a Response: the body's type follows the format
    content_type, body = visits.shared_generation(
        share_token, image_id, format, grant=_grant(grant)
    )
    return Response(status_code=200, content_type=content_type, body=body)


@router.post(
    "/api/v1/shares/<share_token>/exports",
    summary="Make a ZIP of a folder link's images (download links; needs the access grant)",
    tags=["shared"],
    security=[],
)
def start_shared_archive(
    share_token: Token, grant: Annotated[str | None, Query(max_length=128)] = None
) -> ExportCreated:
    return archives.start_archive(share_token, grant=_grant(grant))


@router.get(
    "/api/v1/shares/<share_token>/exports/<export_id>",
    summary="How a link's ZIP is going, and its download link when ready",
    tags=["shared"],
    security=[],
)
def shared_archive(
    share_token: Token, export_id: UUID, grant: Annotated[str | None, Query(max_length=128)] = None
) -> ExportOut:
    return archives.archive_status(share_token, export_id, grant=_grant(grant))


@router.get(
    "/api/v1/public/images/<image_id>/generation",
    summary="How a public image was made (where its owner shows it)",
    responses=recall_responses(),
    tags=["shared"],
    security=[],
)
def public_generation(image_id: UUID, format: Annotated[RecallFormat, Query()] = "json"):
    content_type, body = public.public_generation(image_id, format)
    return Response(status_code=200, content_type=content_type, body=body)


@router.get(
    "/api/v1/public/images/<image_id>", summary="A public image", tags=["shared"], security=[]
)
def public_image(image_id: UUID) -> SharedImage:
    return public.public_image(image_id)


@router.get(
    "/api/v1/public/images/<image_id>/view", summary="Redirect to a public image",
    responses=_REDIRECT,
    tags=["shared"], security=[],
)  # fmt: skip
def view_public_image(image_id: UUID):
    return _redirect(public.public_view_url(image_id))


# --- the share page, as chat apps fetch it (CloudFront sends /s/* here) ------------------------

_PAGE = {
    200: {"description": "The dashboard with the link's card tags", "content": {"text/html": {}}},
    404: {"description": "The dashboard with generic tags: the link cannot be opened",
          "content": {"text/html": {}}},
}  # fmt: skip


@router.get(
    "/s/<share_token>",
    summary="A share link's page, with its Open Graph tags (counts no view)",
    responses=_PAGE,
    tags=["shared"],
    security=[],
)
def share_page(share_token: Token):
    status, page = share_pages.link_page(
        share_token, router.current_event.headers.get("accept-language")
    )
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=page)


@router.head("/s/<share_token>", include_in_schema=False)
def share_page_head(share_token: Token):
    return share_page(share_token)


@router.get(
    "/s/<share_token>/image",
    summary="Redirect to a share link's card picture (its thumbnail; counts no view)",
    responses=_REDIRECT,
    tags=["shared"],
    security=[],
)
def share_card_image(share_token: Token):
    return _redirect(visits.card_image_url(share_token))


app = build_resolver()
app.include_router(router)


@app.not_found
def page_not_found(_error: Exception) -> Response:
    """A link's page no route takes (API Gateway hands the path decoded, and a token never
    holds what it decodes to) is the page of a link that cannot be opened, as documented; the
    card picture's path and the API's own answer the JSON error."""
    path = app.current_event.path
    if not path.startswith("/s/") or path.endswith("/image"):
        return error_response(NotFound("no such route"))
    page = share_pages.missing_page(app.current_event.headers.get("accept-language"))
    return Response(status_code=404, content_type="text/html; charset=utf-8", body=page)


def _private(app, next_middleware) -> Response:
    """Tokens, grants and signed URLs stay out of caches and Referer headers."""
    response = next_middleware(app)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


app.use(middlewares=[_private])

lambda_handler = api_handler(app)
