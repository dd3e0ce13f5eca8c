"""Uploaded files: type and size checked, hashed, and stored under the data directory.

The type is decided by the file's name *and* its content (a PDF starts with ``%PDF-``; DOCX,
PPTX and ODT are ZIP packages with their own parts; a text file is UTF-8 without NUL bytes), so a
renamed executable is refused. Files are never served by URL: views check access and stream them.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
TXT = "text/plain"
ALLOWED_TYPES = {"pdf": PDF, "docx": DOCX, "pptx": PPTX, "odt": ODT, "txt": TXT}
ZIP_PARTS = {DOCX: "word/document.xml", PPTX: "ppt/presentation.xml"}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return settings.KNOWLEDGE_MAX_UPLOAD_MB * 1024 * 1024


def _content_matches(upload: UploadedFile, content_type: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if content_type == PDF:
        return head.startswith(b"%PDF-")
    if content_type == TXT:
        data = upload.read()
        upload.seek(0)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in data
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if content_type == ODT:
                return package.read("mimetype").strip() == ODT.encode()
            return ZIP_PARTS[content_type] in names
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile | None, *, field: str = "file") -> CheckedFile:
    """Refuse an empty, too large or unexpected file; return its name, type, size and hash."""
    if upload is None:
        raise ValidationError({field: _("Choose a file.")})
    name = get_valid_filename(upload.name or "") or "file"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type = ALLOWED_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(
            {
                field: _("Files of this type are not accepted. Accepted: %(types)s.")
                % {"types": ", ".join(t.upper() for t in ALLOWED_TYPES)}
            }
        )
    if not upload.size:
        raise ValidationError({field: _("The file is empty.")})
    if upload.size > max_upload_bytes():
        raise ValidationError(
            {
                field: _("The file is larger than %(size)s MB.")
                % {"size": settings.KNOWLEDGE_MAX_UPLOAD_MB}
            }
        )
    if not _content_matches(upload, content_type):
        raise ValidationError(
            {
                field: _("The file's content is not what its name says (%(ext)s).")
                % {"ext": extension}
            }
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name[-200:], content_type, upload.size, digest.hexdigest())
