"""Extraction stage: pages → articles, and site-level boilerplate removal.

>>> from copytrail.extract import extract_page, learn_boilerplate, apply_boilerplate, block_key
>>> block_key("Share this!") == block_key("  SHARE   this ")
True
"""

from copytrail.extract.boilerplate import (
    BoilerplateBlock,
    apply_boilerplate,
    block_key,
    learn_boilerplate,
)
from copytrail.extract.page import extract_page

__all__ = [
    "BoilerplateBlock",
    "apply_boilerplate",
    "block_key",
    "extract_page",
    "learn_boilerplate",
]
