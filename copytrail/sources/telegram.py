"""Telegram Desktop channel exports (``result.json``): one plain-text page per message.

Channels are where many claims start before news sites pick them up, so each message keeps
its ``t.me`` permalink, its date (``published_source="telegram"``) and ``forwarded_from``:
the forward chain is itself provenance. Message text in an export is either a string or a list
of strings and entity objects (``{"type": "bold", "text": "..."}``); both flatten to the same
text. Service messages (joins, pins) and messages without text are skipped without an error.

>>> import json, tempfile
>>> path = tempfile.mktemp(suffix=".json")
>>> export = {"name": "Example News", "type": "public_channel", "id": 1234,
...           "messages": [{"id": 7, "type": "message", "date": "2024-01-02T03:04:05",
...                         "text": ["Breaking: ", {"type": "bold", "text": "rates up"}]},
...                        {"id": 8, "type": "service", "action": "pin_message", "text": ""}]}
>>> with open(path, "w") as f:
...     json.dump(export, f)
>>> from copytrail.settings import Settings
>>> [(p.url, p.body, p.site) for p in iter_telegram(path, Settings())]
[('https://t.me/c/1234/7', b'Breaking: rates up', 'Example News')]
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.limits import json_int, too_deep


def iter_telegram(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Messages of a Telegram Desktop export (one channel, or every chat of a full export).

    The whole file is loaded with ``json.load``, so files over ``max_page_bytes`` are refused
    with ``too-large`` rather than risking memory (raise the setting for big channels).
    """
    try:
        size = os.path.getsize(path)
        if size > settings.max_page_bytes:
            yield IngestError(
                path, "too-large", f"{size} bytes > max_page_bytes {settings.max_page_bytes}"
            )
            return
        with open(path, "rb") as f:
            data = f.read()
        deep = too_deep(data, settings.max_depth)
        if deep:
            yield IngestError(path, "too-deep", f"export {deep}")
            return
        export = json.loads(data.decode("utf-8-sig"), parse_int=json_int)
    except OSError as exc:
        yield IngestError(path, "unreadable", str(exc))
        return
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        yield IngestError(path, "json-malformed", str(exc)[:500])
        return
    chats = _chats(export)
    if chats is None:
        yield IngestError(path, "json-malformed", "not a Telegram export: no messages list")
        return
    for chat in chats:
        yield from _messages(chat, path)


def is_telegram_export(head: bytes) -> bool:
    """Cheap sniff on the first KB of a .json file.

    >>> is_telegram_export(b'{"name": "x", "type": "public_channel", "id": 1, "messages": [')
    True
    """
    head = head.lstrip()
    return head.startswith(b"{") and any(k in head for k in _EXPORT_KEYS)


# Keys only a Telegram Desktop export has at its top level: a channel export's "messages", a
# full-account export's "chats" (often far down, after "personal_information").
_EXPORT_KEYS = (b'"messages"', b'"chats"', b'"personal_information"')


def _chats(export: Any) -> list[dict[str, Any]] | None:
    if not isinstance(export, dict):
        return None
    if isinstance(export.get("messages"), list):
        return [export]
    # A full-account export: {"chats": {"list": [chat, ...]}, "left_chats": {"list": [...]}}.
    found: list[dict[str, Any]] | None = None
    for key in ("chats", "left_chats"):
        group = export.get(key)
        listed = group.get("list") if isinstance(group, dict) else None
        if isinstance(listed, list):
            found = (found or []) + [
                c for c in listed if isinstance(c, dict) and isinstance(c.get("messages"), list)
            ]
    return found


def _messages(chat: dict[str, Any], path: str) -> Iterator[RawPage | IngestError]:
    username = chat.get("username")
    channel_id = chat.get("id")
    site = str(username or chat.get("name") or channel_id or "telegram")
    for index, msg in enumerate(chat["messages"]):
        try:
            page = _message(msg, path, index, site, username, channel_id)
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as exc:
            where = msg.get("id") if isinstance(msg, dict) else None
            yield IngestError(
                path,
                "telegram-malformed",
                f"message {where or index}: {exc!r}",
                str(where or index),
            )
            continue
        if page is not None:
            yield page


def _message(
    msg: Any, path: str, index: int, site: str, username: Any, channel_id: Any
) -> RawPage | None:
    if not isinstance(msg, dict):
        raise TypeError(f"message is {type(msg).__name__}, not an object")
    if msg.get("type", "message") != "message":
        return None
    text = flatten_text(msg.get("text", ""))
    if not text.strip():
        return None
    msg_id = int(msg["id"])
    if username:
        url = f"https://t.me/{username}/{msg_id}"
    elif channel_id is not None:
        # Private-style link: exports give the bare channel id, which is what t.me/c/ wants.
        url = f"https://t.me/c/{int(str(channel_id).removeprefix('-100'))}/{msg_id}"
    else:
        raise KeyError("chat has neither username nor id")
    author = msg.get("author") or msg.get("from")
    return RawPage(
        url=url,
        source=path,
        body=text.encode("utf-8"),
        kind="telegram",
        source_offset=index,
        content_type="text/plain",
        site=site,
        hints={
            "title": None,
            "authors": [str(author)] if author else [],
            "published": _published(msg),
            "published_source": "telegram",
            "forwarded_from": msg.get("forwarded_from"),
        },
    )


def flatten_text(text: Any) -> str:
    """Plain text of an export ``text`` field (a string or a list of strings and entities).

    >>> flatten_text(["See ", {"type": "link", "text": "this"}, "."])
    'See this.'
    """
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts = []
        for part in text:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
            else:
                raise TypeError(f"text entity of type {type(part).__name__}")
        return "".join(parts)
    raise TypeError(f"text is {type(text).__name__}")


def _published(msg: dict[str, Any]) -> str:
    """The message's date: ``date_unixtime`` (UTC) when it is a real time, else ``date``.

    >>> _published({"date_unixtime": "9" * 30, "date": "2024-01-02T03:04:05"})
    '2024-01-02T03:04:05'
    """
    # date_unixtime is UTC; "date" is the exporting machine's local time without a zone.
    if msg.get("date_unixtime"):
        try:
            return datetime.fromtimestamp(int(msg["date_unixtime"]), tz=UTC).isoformat()
        except (ValueError, OverflowError, OSError):
            pass  # out of range: fall back to "date"
    date = msg["date"]
    datetime.fromisoformat(date)  # validates; a bad date makes this message an error row
    return str(date)
