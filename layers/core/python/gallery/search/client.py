"""The OpenSearch client: plain HTTP locally, SigV4-signed in AWS (service ``es``)."""

from functools import lru_cache

from gallery.config import get_settings


@lru_cache(maxsize=1)
def client():
    from opensearchpy import OpenSearch, Urllib3AWSV4SignerAuth, Urllib3HttpConnection

    settings = get_settings()
    if not settings.search_url:
        raise RuntimeError("GALLERY_SEARCH_URL is not set")
    auth = None
    if settings.search_sigv4:
        import boto3

        credentials = boto3.Session().get_credentials()
        auth = Urllib3AWSV4SignerAuth(credentials, settings.aws_region, "es")
    return OpenSearch(
        hosts=[settings.search_url],
        http_auth=auth,
        connection_class=Urllib3HttpConnection,
        timeout=10,
        max_retries=2,
        retry_on_timeout=True,
    )
