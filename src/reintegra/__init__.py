"""Reintegra: the information system of a rehabilitation and reintegration program."""

__version__ = "0.1.0"
