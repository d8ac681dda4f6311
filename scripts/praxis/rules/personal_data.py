"""Contacts are institutional. Flag private data unless the entry records documented consent.

The portal is about people who are targets of hate: publishing a private mobile number or a home
address can put them at risk. Editors who have written consent record it as
`contact.consent: true` with `contact.consent_date`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from ..editions import is_internal
from ..model import Entry
from ..problems import Problem
from ..schema import Kind, fields_for
from .body import Body, lines_containing

PRIVATE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.ch",
        "web.de",
        "t-online.de",
        "freenet.de",
        "arcor.de",
        "online.de",
        "email.de",
        "mail.de",
        "posteo.de",
        "posteo.net",
        "mailbox.org",
        "yahoo.com",
        "yahoo.de",
        "ymail.com",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "live.com",
        "live.de",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "aol.de",
        "protonmail.com",
        "proton.me",
        "pm.me",
        "tutanota.com",
        "tutanota.de",
        "tuta.io",
        "gmx.com",
    }
)
# Digits are ASCII digits throughout: the body is searched for them with fast literal scans.
DIGITS = "0123456789"

# German mobile numbers: 015x, 016x, 017x, also written +49 1… or 0049 1…, with separators
# anywhere (`01 71 23 45 678`)
MOBILE = re.compile(
    r"(?<![0-9+])(?:\+\s?49|0049|0)[\s/().-]{0,3}1[\s/().-]{0,3}[5-7]"
    r"(?:[\s/().-]{0,3}[0-9]){7,10}(?![0-9])"
)
# An address is found from its `@`: the local part before it (at most 64 characters, as in
# RFC 5321) and the domain after it. Searching from every letter instead took time that grew with
# the square of a long word's length.
LOCAL_PART_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
MAX_LOCAL_PART = 64
DOMAIN = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Street names and words are bounded (40 characters), so that a long run of letters and dots
# is scanned a fixed number of times.
STREET = re.compile(
    r"\b[A-ZÄÖÜ][\wäöüß.-]{0,40}(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|"
    r"steig|chaussee|pfad)\s{1,3}[0-9]{1,4}\s?[a-z]?\b"
    r"|\b(?:Am|An der|Auf dem|Im|In der|Zum|Zur)\s{1,3}[A-ZÄÖÜ][\wäöüß-]{1,40}\s{1,3}[0-9]{1,4}"
    r"\s?[a-z]?\b"
)
# Every pattern below needs a digit or an `@`; literal scans of the whole text find those lines.
# (A regex character class `[0-9@]` was measured thirteen times slower than eleven `str.find`
# scans, and a trigger built from the patterns themselves slower still.)
PERSONAL_TRIGGERS = (*DIGITS, "@")
# An address on the same line as one of these words belongs to an institution. Compounds count
# (`Ordnungsamt`, `Beratungsstelle`), parts of place names do not (`Beispielstadt`).
INSTITUTION = re.compile(
    r"\b(?:rathaus|landratsamt|kreishaus|\w*verwaltung|\w*amt|\w*ämter|\w*behörde|\w*stelle|"
    r"\w*zentrum|\w*büro|verein|e\.\s?v\.|stiftung|bürgerhaus|\w*bibliothek|\w*schule|"
    r"polizei\w*|\w*präsidium|gmbh|\w*kammer|institut|hochschule|universität|gemeindehaus|"
    r"moschee|synagoge|kirche|kirchengemeinde|jugendhaus|treffpunkt)\b",
    re.IGNORECASE,
)
# Words that say the address is someone's home, whatever else the line mentions.
PRIVATE = re.compile(
    r"\b(?:wohnt|wohnen|wohnung|wohnort|privat\w*|zu hause|zuhause)\b", re.IGNORECASE
)


def _consented(entry: Entry) -> bool:
    contact = entry.fields.get("contact") or {}
    return bool(contact.get("consent")) and contact.get("consent_date") is not None


def _is_private_mail(address: str) -> bool:
    return address.rsplit("@", 1)[-1].lower() in PRIVATE_MAIL_DOMAINS


def check_consent_date(entry: Entry, body: Body) -> Iterator[Problem]:
    contact = entry.fields.get("contact") or {}
    if contact.get("consent") and contact.get("consent_date") is None:
        yield Problem(
            entry.path,
            entry.line_of("contact", "consent"),
            "personal-consent",
            "Bei `consent: true` gehört das Datum der Einwilligung dazu: "
            "`consent_date: JJJJ-MM-TT`.",
        )


def check_named_person(entry: Entry, body: Body) -> Iterator[Problem]:
    """A named contact person only in internal entries, and only with documented consent:
    peers may call a colleague by name, the public site names offices."""
    contact = entry.fields.get("contact") or {}
    if not contact.get("person"):
        return
    line = entry.line_of("contact", "person")
    if not is_internal(entry):
        yield Problem(
            entry.path,
            line,
            "personal-name",
            "Namen von Personen stehen nur in internen Einträgen. Nennen Sie hier die Stelle "
            "(`organisation`) und entfernen Sie `person`, oder setzen Sie den Eintrag auf "
            "`visibility: intern`.",
        )
    elif not _consented(entry):
        yield Problem(
            entry.path,
            line,
            "personal-name",
            "Eine Ansprechperson darf nur mit ihrer dokumentierten Einwilligung genannt werden: "
            "Ergänzen Sie `consent: true` und `consent_date: JJJJ-MM-TT` unter `contact`.",
        )


def check_contact(entry: Entry, body: Body) -> Iterator[Problem]:
    if _consented(entry):
        return
    contact = entry.fields.get("contact") or {}
    email = contact.get("email")
    if isinstance(email, str) and _is_private_mail(email):
        yield Problem(
            entry.path,
            entry.line_of("contact", "email"),
            "personal-email",
            f"`{email}` ist eine private E-Mail-Adresse. Nennen Sie ein dienstliches "
            "Funktionspostfach oder dokumentieren Sie die Einwilligung "
            "(`consent: true`, `consent_date`).",
        )
    phone = contact.get("phone")
    if isinstance(phone, str) and MOBILE.search(phone):
        yield Problem(
            entry.path,
            entry.line_of("contact", "phone"),
            "personal-phone",
            f"`{phone}` ist eine Mobilfunknummer. Nennen Sie eine dienstliche "
            "Festnetznummer oder dokumentieren Sie die Einwilligung "
            "(`consent: true`, `consent_date`).",
        )


def emails_in(line: str) -> Iterator[str]:
    """Every e-mail address in a line, found from its `@` (linear in the line's length)."""
    at = line.find("@")
    while at >= 0:
        start = at
        while start > 0 and at - start < MAX_LOCAL_PART and line[start - 1] in LOCAL_PART_CHARS:
            start -= 1
        domain = DOMAIN.match(line, at + 1) if start < at else None
        if domain:
            yield line[start : domain.end()]
        at = line.find("@", at + 1)


# Characters a reader never sees: an address with a soft hyphen or a zero-width joiner in it is
# still the address on the page.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS), None)
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def readable(line: str) -> str:
    """A line as the page shows it, for the rules on personal data: HTML entities decoded
    (`&#64;`, `&commat;`), invisible characters removed, full-width forms (`＠`, `０１７１`) as
    their plain ones, Markdown's backslash escapes (`\\@`) dropped."""
    if "&" in line:
        line = html.unescape(line)
    if _unusual(line):
        line = unicodedata.normalize("NFKC", line).translate(_INVISIBLE)
    if "\\" in line:
        line = _ESCAPED.sub(r"\1", line)
    return line


def _unusual(text: str) -> bool:
    """Whether the text has characters `readable` changes: most German text has none (its
    umlauts are composed already), and these tests run in C over the whole text."""
    return not text.isascii() and (
        not unicodedata.is_normalized("NFKC", text) or _HAS_INVISIBLE.search(text) is not None
    )


def _readable_lines(body: Body) -> Iterator[tuple[int, str]]:
    """(line number, readable line) of every body line that may hold personal data: code spans
    included, since the page shows them."""
    text = body.text
    if "&" in text or "\\" in text or _unusual(text):
        whole = readable(text)  # in one go, unless an entity stood for a line break
        if whole.count("\n") == text.count("\n"):
            text = whole
        else:
            text = "\n".join(readable(line) for line in text.split("\n"))
    return lines_containing(text, body.first_line, PERSONAL_TRIGGERS)


def check_body(entry: Entry, body: Body) -> Iterator[Problem]:
    if _consented(entry):
        return
    for line_no, line in _readable_lines(body):
        if any(digit in line for digit in DIGITS):
            if MOBILE.search(line):
                yield Problem(
                    entry.path,
                    line_no,
                    "personal-phone",
                    "Der Text enthält eine "
                    "Mobilfunknummer. Nennen Sie eine dienstliche Festnetznummer oder "
                    "dokumentieren Sie die Einwilligung (`contact.consent`).",
                )
            street = STREET.search(line)
            if street and (PRIVATE.search(line) or not INSTITUTION.search(line)):
                yield Problem(
                    entry.path,
                    line_no,
                    "personal-address",
                    f"„{street.group(0).strip()}“ "
                    "sieht nach einer Wohnadresse aus. Veröffentlichen Sie nur Adressen "
                    "von Einrichtungen (nennen Sie die Einrichtung in derselben Zeile) "
                    "oder dokumentieren Sie die Einwilligung (`contact.consent`).",
                )
        if "@" in line:
            for address in emails_in(line):
                if _is_private_mail(address):
                    yield Problem(
                        entry.path,
                        line_no,
                        "personal-email",
                        f"`{address}` "
                        "ist eine private E-Mail-Adresse. Nennen Sie ein dienstliches "
                        "Funktionspostfach oder dokumentieren Sie die Einwilligung.",
                    )


# Fields checked on their own above.
_OWN_CHECK = frozenset({("contact", "email"), ("contact", "phone")})
# The kinds of field a reader sees as text: free text, and addresses and numbers.
_READ_KINDS = frozenset({Kind.TEXT, Kind.EMAIL, Kind.PHONE})


def _field_texts(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, value) of every text an entry's fields show, by the field table: free texts at
    any depth (a resource's title, the organisation), not term ids, dates or addresses."""
    for spec in fields_for(entry.type.key):
        value = entry.fields.get(spec.name)
        if spec.kind in _READ_KINDS and isinstance(value, str):
            yield (spec.name,), value
            continue
        if spec.kind is Kind.OBJECT and isinstance(value, dict):
            items: list[tuple[tuple[str | int, ...], dict]] = [((spec.name,), value)]
        elif spec.kind is Kind.OBJECT_LIST and isinstance(value, list):
            items = [((spec.name, i), v) for i, v in enumerate(value) if isinstance(v, dict)]
        else:
            continue
        for where, item in items:
            for child in spec.children:
                inner = item.get(child.name)
                shown = child.kind in _READ_KINDS and (spec.name, child.name) not in _OWN_CHECK
                if shown and isinstance(inner, str):
                    yield (*where, child.name), inner


def check_fields(entry: Entry, body: Body) -> Iterator[Problem]:
    """A private number or address in any other field (title, summary, a resource's title, the
    organisation …) is published just the same: on the page, in the feeds and the open data."""
    if _consented(entry):
        return
    for path, raw in _field_texts(entry):
        text = readable(raw)
        if not any(t in text for t in PERSONAL_TRIGGERS):
            continue
        where = ".".join(str(p) for p in path)
        if MOBILE.search(text):
            yield Problem(
                entry.path,
                entry.line_of(*path),
                "personal-phone",
                f"`{where}` enthält eine Mobilfunknummer. Nennen Sie eine dienstliche "
                "Festnetznummer oder dokumentieren Sie die Einwilligung (`contact.consent`).",
            )
        for address in emails_in(text):
            if _is_private_mail(address):
                yield Problem(
                    entry.path,
                    entry.line_of(*path),
                    "personal-email",
                    f"`{address}` in `{where}` ist eine private E-Mail-Adresse. Nennen Sie ein "
                    "dienstliches Funktionspostfach oder dokumentieren Sie die Einwilligung.",
                )


PERSONAL_DATA_RULES = (
    check_consent_date,
    check_named_person,
    check_contact,
    check_body,
    check_fields,
)
