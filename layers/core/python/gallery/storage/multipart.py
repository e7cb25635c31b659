"""A write-only stream into one S3 object by multipart upload: what is written is sent a
part at a time, a few parts in flight at once (the writer goes on while they upload), so
memory holds a few parts whatever the object's size."""

import contextvars
import io
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from gallery.config import get_settings
from gallery.storage import s3

# S3's smallest part (except the last) is 5 MiB; 10,000 parts of 16 MiB reach 156 GiB.
PART_SIZE = 16 << 20
# Parts uploading at once (each held in memory until S3 has it).
IN_FLIGHT = 3


class MultipartWriter(io.RawIOBase):
    """Completes the object on ``close()`` (returns nothing; ``version_id`` and ``size`` say
    what it made); ``abort()`` instead drops the parts sent. Not seekable: ``zipfile`` then
    writes data descriptors, and never goes back."""

    def __init__(self, key: str, *, content_type: str, tagging: str | None = None,
                 part_size: int = PART_SIZE, in_flight: int = IN_FLIGHT):  # fmt: skip
        super().__init__()
        self.key, self.size, self.version_id = key, 0, None
        self._bucket = get_settings().bucket_name
        self._part_size = part_size
        self._in_flight = in_flight
        self._buffer = bytearray()
        self._parts: list[Future] = []
        self._pool = ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="part")
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
            self._send(bytes(memoryview(self._buffer)[: self._part_size]))
            del self._buffer[: self._part_size]
        return len(data)

    def _send(self, body: bytes) -> None:
        """Uploads the next part in the background, once fewer than ``in_flight`` are."""
        running = [part for part in self._parts if not part.done()]
        if len(running) >= self._in_flight:
            wait(running, return_when=FIRST_COMPLETED)
        for part in self._parts:
            if part.done():
                part.result()  # a failed part fails the write now
        number = len(self._parts) + 1
        # the caller's context (locally, the function whose role signs) goes with the part
        upload = contextvars.copy_context().run
        self._parts.append(self._pool.submit(upload, self._upload_part, number, body))

    def _upload_part(self, number: int, body: bytes) -> dict:
        answer = s3.client().upload_part(Bucket=self._bucket, Key=self.key, Body=body,
                                         UploadId=self._upload_id, PartNumber=number)  # fmt: skip
        return {"ETag": answer["ETag"], "PartNumber": number}

    def close(self) -> None:
        if self.closed:
            return
        if self._buffer or not self._parts:  # the last part may be small (or empty)
            self._send(bytes(self._buffer))
            self._buffer.clear()
        parts = [part.result() for part in self._parts]
        self._pool.shutdown()
        answer = s3.client().complete_multipart_upload(
            Bucket=self._bucket, Key=self.key, UploadId=self._upload_id,
            MultipartUpload={"Parts": parts},
        )  # fmt: skip
        self.version_id = answer.get("VersionId")
        super().close()

    @property
    def part_count(self) -> int:
        return len(self._parts)

    def abort(self) -> None:
        if not self.closed:
            self._pool.shutdown(cancel_futures=True)
            s3.client().abort_multipart_upload(Bucket=self._bucket, Key=self.key,
                                               UploadId=self._upload_id)  # fmt: skip
            self._buffer.clear()
            super().close()

    def __del__(self) -> None:
        pass  # never completes an upload by being collected: close() or abort() decides
