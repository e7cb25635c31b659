"""A write-only stream into one S3 object by multipart upload: what is written is sent a
part at a time, so memory holds at most one part whatever the object's size."""

import io

from gallery.config import get_settings
from gallery.storage import s3

# S3's smallest part (except the last) is 5 MiB; 10,000 parts of 16 MiB reach 156 GiB.
PART_SIZE = 16 << 20


class MultipartWriter(io.RawIOBase):
    """Completes the object on ``close()`` (returns nothing; ``version_id`` and ``size`` say
    what it made); ``abort()`` instead drops the parts sent. Not seekable: ``zipfile`` then
    writes data descriptors, and never goes back."""

    def __init__(self, key: str, *, content_type: str, tagging: str | None = None,
                 part_size: int = PART_SIZE):  # fmt: skip
        super().__init__()
        self.key, self.size, self.version_id = key, 0, None
        self._bucket = get_settings().bucket_name
        self._part_size = part_size
        self._buffer = bytearray()
        self._parts: list[dict] = []
        extra = {"Tagging": tagging} if tagging else {}
        self._upload_id = s3.client().create_multipart_upload(
            Bucket=self._bucket, Key=key, ContentType=content_type, **extra
        )["UploadId"]

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.size

    def write(self, data) -> int:
        self._buffer += data
        self.size += len(data)
        while len(self._buffer) >= self._part_size:
            self._send(bytes(self._buffer[: self._part_size]))
            del self._buffer[: self._part_size]
        return len(data)

    def _send(self, body: bytes) -> None:
        number = len(self._parts) + 1
        answer = s3.client().upload_part(Bucket=self._bucket, Key=self.key, Body=body,
                                         UploadId=self._upload_id, PartNumber=number)  # fmt: skip
        self._parts.append({"ETag": answer["ETag"], "PartNumber": number})

    def close(self) -> None:
        if self.closed:
            return
        if self._buffer or not self._parts:  # the last part may be small (or empty)
            self._send(bytes(self._buffer))
            self._buffer.clear()
        answer = s3.client().complete_multipart_upload(
            Bucket=self._bucket, Key=self.key, UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )  # fmt: skip
        self.version_id = answer.get("VersionId")
        super().close()

    def abort(self) -> None:
        if not self.closed:
            s3.client().abort_multipart_upload(Bucket=self._bucket, Key=self.key,
                                               UploadId=self._upload_id)  # fmt: skip
            self._buffer.clear()
            super().close()
