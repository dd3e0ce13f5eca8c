"""An upload handler that hashes a file as it arrives and keeps nothing of it.

Django's default handlers keep small uploads in memory and write large ones to a temporary file;
a file checked against the register must not be kept anywhere. This handler takes every chunk,
adds it to a SHA-256 and drops it; the form then receives an empty file object that carries only
the name, the size and the hash.
"""

from __future__ import annotations

import hashlib
import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class HashedFile(UploadedFile):
    """What is left of an upload: its name, size and SHA-256. It has no content."""

    def __init__(self, *, name: str, size: int, sha256: str, content_type: str | None):
        super().__init__(
            file=io.BytesIO(), name=name, content_type=content_type, size=size, charset=None
        )
        self.sha256 = sha256


class HashingUploadHandler(FileUploadHandler):
    chunk_size = 64 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.hasher = hashlib.sha256()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.hasher.update(raw_data)
        self.received += len(raw_data)
        return None  # nothing is passed on to another handler: the chunk is dropped here

    def file_complete(self, file_size: int) -> HashedFile:
        return HashedFile(
            name=self.file_name,
            size=self.received,
            sha256=self.hasher.hexdigest(),
            content_type=self.content_type,
        )
