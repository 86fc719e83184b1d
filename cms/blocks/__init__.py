"""Shared StreamField blocks, defined once and imported by the apps."""

from .links import AttachmentBlock, LinkBlock
from .text import (
    RICH_TEXT_FEATURES,
    SIMPLE_TEXT_FEATURES,
    HeadingBlock,
    NoticeBlock,
    ParagraphBlock,
)

__all__ = [
    "AttachmentBlock",
    "HeadingBlock",
    "LinkBlock",
    "NoticeBlock",
    "ParagraphBlock",
    "RICH_TEXT_FEATURES",
    "SIMPLE_TEXT_FEATURES",
]
