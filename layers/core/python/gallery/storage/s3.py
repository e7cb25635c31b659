"""S3 access. boto3 is imported on first use: functions that never touch S3 never pay for it."""

from functools import lru_cache

from gallery.config import get_settings

# S3's DeleteObjects limit.
_DELETE_BATCH = 1000


@lru_cache(maxsize=1)
def client():
    return _client()


@lru_cache(maxsize=1)
def cdn_standin_client():
    """Locally, the signer of the URLs that CloudFront signs in AWS (see Settings)."""
    settings = get_settings()
    if not settings.local_cdn_access_key_id:
        return client()
    return _client(aws_access_key_id=settings.local_cdn_access_key_id,
                   aws_secret_access_key=settings.local_cdn_secret_access_key)  # fmt: skip


def _client(**credentials):
    import boto3
    from botocore.config import Config

    settings = get_settings()
    return boto3.client(
        "s3",
        region_name=settings.aws_region,
        endpoint_url=settings.aws_endpoint_url,
        config=Config(signature_version="s3v4", retries={"mode": "standard"}),
        **credentials,
    )


def put_object(
    key: str,
    body: bytes,
    content_type: str,
    cache_control: str | None = None,
    tagging: str | None = None,
) -> None:
    extra = {"CacheControl": cache_control} if cache_control else {}
    if tagging:
        extra["Tagging"] = tagging
    client().put_object(
        Bucket=get_settings().bucket_name, Key=key, Body=body, ContentType=content_type, **extra
    )


def delete_objects(keys: list[str]) -> list[str]:
    """Deletes ``keys``; returns those S3 confirmed (an absent key counts as deleted)."""
    deleted: list[str] = []
    bucket = get_settings().bucket_name
    for start in range(0, len(keys), _DELETE_BATCH):
        batch = keys[start : start + _DELETE_BATCH]
        answer = client().delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": False}
        )
        deleted.extend(item["Key"] for item in answer.get("Deleted", []))
    return deleted


def presigned_get(
    key: str, ttl_seconds: int, content_disposition: str | None = None, signer=None
) -> str:
    """A GET of ``key`` signed by this function's role (or by ``signer``, a client)."""
    params = {"Bucket": get_settings().bucket_name, "Key": key}
    if content_disposition:
        params["ResponseContentDisposition"] = content_disposition
    return (signer or client()).generate_presigned_url(
        "get_object", Params=params, ExpiresIn=ttl_seconds
    )


def exists(key: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        client().head_object(Bucket=get_settings().bucket_name, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def presigned_post(key: str, content_type: str, max_bytes: int, ttl_seconds: int) -> dict:
    """A browser form upload of exactly ``key``, of type ``content_type``, at most
    ``max_bytes``. S3 enforces the conditions (moto does not: ingest checks again)."""
    return client().generate_presigned_post(
        Bucket=get_settings().bucket_name,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", 1, max_bytes],
        ],
        ExpiresIn=ttl_seconds,
    )


def get_bytes(key: str, max_bytes: int, version_id: str | None = None) -> bytes | None:
    """The object's bytes (of ``version_id``, else the current version), read once; None if
    it is gone. Refuses to read more than ``max_bytes`` (the object may have grown since its
    event)."""
    found = get_object(key, max_bytes, version_id)
    return found[0] if found else None


def get_object(key: str, max_bytes: int, version_id: str | None = None) -> tuple[bytes, str] | None:
    """As ``get_bytes``, with the ETag of the version read."""
    from botocore.exceptions import ClientError

    version = {"VersionId": version_id} if version_id else {}
    try:
        answer = client().get_object(Bucket=get_settings().bucket_name, Key=key, **version)
    except client().exceptions.NoSuchKey:
        return None
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchVersion", "404"):
            return None
        raise
    body = answer["Body"]
    data = body.read(max_bytes + 1)
    body.close()
    return data, answer["ETag"].strip('"')


def delete_version(key: str, version_id: str | None) -> None:
    """Removes exactly that version of ``key`` (the one before it, if any, is current
    again); without a version id (an unversioned bucket), the object."""
    version = {"VersionId": version_id} if version_id else {}
    client().delete_object(Bucket=get_settings().bucket_name, Key=key, **version)


def replace_object(key: str, body: bytes, content_type: str, etag: str) -> str | None:
    """Overwrites ``key`` only if it still is the version with ``etag`` (a conditional
    write: a newer upload is never lost); returns the new ETag, or None if it changed."""
    from botocore.exceptions import ClientError

    try:
        answer = client().put_object(
            Bucket=get_settings().bucket_name, Key=key, Body=body, ContentType=content_type,
            IfMatch=f'"{etag}"',
        )  # fmt: skip
    except ClientError as error:
        # 412: another version now; 409: another write was under way (S3 asks the caller to
        # read again); either way the version read is no longer the one to replace
        changed = ("PreconditionFailed", "ConditionalRequestConflict", "NoSuchKey")
        if error.response.get("Error", {}).get("Code") in changed:
            return None
        raise
    return answer["ETag"].strip('"')


def delete_prefix(prefix: str) -> int:
    """Deletes every object under ``prefix``, a page (1,000 keys) at a time; returns how many."""
    bucket = get_settings().bucket_name
    deleted = 0
    for page in client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys = [item["Key"] for item in page.get("Contents", [])]
        if keys:
            deleted += len(delete_objects(keys))
    return deleted


def read_chunks(key: str, chunk_size: int = 4 << 20):
    """The object's bytes a chunk at a time (never whole in memory); None if it is gone."""
    try:
        answer = client().get_object(Bucket=get_settings().bucket_name, Key=key)
    except client().exceptions.NoSuchKey:
        return None
    return answer["Body"].iter_chunks(chunk_size)
