"""The models of the knowledge centre and of specialists; import them from here."""

from .material import (
    LANGUAGES,
    Attachment,
    Audience,
    Language,
    Material,
    MaterialKind,
    MaterialStatus,
    MaterialText,
    QuestionAnswer,
    SearchEntry,
    Topic,
)
from .specialist import Certificate, CertificateKind, QualificationCategory, Specialist

__all__ = [
    "LANGUAGES",
    "Attachment",
    "Audience",
    "Certificate",
    "CertificateKind",
    "Language",
    "Material",
    "MaterialKind",
    "MaterialStatus",
    "MaterialText",
    "QualificationCategory",
    "QuestionAnswer",
    "SearchEntry",
    "Specialist",
    "Topic",
]
