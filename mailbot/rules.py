"""Directorate rules from rules/<directorate>.toml, validated (unknown keys are errors)."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from stdnum import iban as iban_check


class RulesError(Exception):
    """A rules file is wrong; the message names the file, the key and the line."""


class Strict(BaseModel):
    """A rules table: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LostStolenRoute(StrEnum):
    """How a lost/stolen/broken-card request is handled."""

    OFFICER_APPROVAL = "officer-approval"  # form to the desk; approval sends link + password
    KAMUSM_PERSONAL = "kamusm-personal"  # applicant revokes and re-applies on KamuSM, pays there


class Directorate(Strict):
    """Who the desk is."""

    name: str
    mailbox: str
    officers: tuple[str, ...] = ()
    trusted_authserv_id: str | None = None


class Payee(Strict):
    """The account first-application and renewal fees are paid to."""

    name: str
    iban: str

    @field_validator("iban")
    @classmethod
    def _valid_iban(cls, value: str) -> str:
        compact = iban_check.compact(value)
        if not iban_check.is_valid(compact) or not compact.startswith("TR"):
            raise ValueError(f"not a valid TR IBAN: {value!r}")
        return compact


Money = Annotated[Decimal, Field(ge=0, decimal_places=2)]


class Tariff(Strict):
    """KamuSM fees (VAT included) in force from a date."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    valid_from: date = Field(alias="from")
    nes: Money
    reader: Money


class Description(Strict):
    """What the payment description must carry."""

    required: str | None = None
    signals: tuple[str, ...] = ("NES", "E-İMZA", "EİMZA", "E İMZA", "SERTİFİKA")


class LostStolen(Strict):
    """The lost/stolen/broken-card route of this directorate."""

    route: LostStolenRoute = LostStolenRoute.OFFICER_APPROVAL
    since: date | None = None
    link: str = "https://basvuru.kamusm.gov.tr/bs/login.go"
    password: str = Field("officer", pattern="^(officer|generated)$")


class Limits(Strict):
    """Loop-safety limits."""

    replies_per_sender_per_day: int = Field(10, ge=1)


class Retention(Strict):
    """How long personal data is kept, in days."""

    attachments_days: int = Field(365, ge=1)
    bodies_days: int = Field(365, ge=1)
    credentials_days_after_sent: int = Field(30, ge=1)


class Rules(Strict):
    """One directorate's rules."""

    directorate: Directorate
    payee: Payee
    tariff: tuple[Tariff, ...] = Field(min_length=1)
    description: Description = Description()
    lost_stolen: LostStolen = LostStolen()
    limits: Limits = Limits()
    retention: Retention = Retention()

    @field_validator("tariff")
    @classmethod
    def _sorted_unique(cls, value: tuple[Tariff, ...]) -> tuple[Tariff, ...]:
        dates = [t.valid_from for t in value]
        if len(set(dates)) != len(dates):
            raise ValueError("two tariffs start on the same date")
        return tuple(sorted(value, key=lambda t: t.valid_from))

    def tariff_on(self, day: date) -> Tariff | None:
        """The tariff in force on `day` (the latest that started on or before it)."""
        in_force = [t for t in self.tariff if t.valid_from <= day]
        return in_force[-1] if in_force else None


def load_rules(path: Path) -> Rules:
    """Read and validate a rules file; any problem is a RulesError naming file, key and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path}: not valid TOML: {error}") from None
    try:
        return Rules.model_validate(data)
    except ValidationError as error:
        raise RulesError("\n".join(_describe(path, text, e) for e in error.errors())) from None


def _describe(path: Path, text: str, problem: dict) -> str:
    """`file:line: key: message` for one validation problem."""
    keys = [str(part) for part in problem["loc"] if not isinstance(part, int)]
    key = ".".join(keys) or "(top level)"
    line = _line_of(text, keys)
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: {key}: {problem['msg']}"


def _line_of(text: str, keys: list[str]) -> int | None:
    """Best-effort line number of the innermost key (or its table) in the TOML text."""
    for key in reversed(keys):
        pattern = re.compile(rf"^\s*(\[\[?\s*{re.escape(key)}\s*\]\]?|{re.escape(key)}\s*=)",
                             re.MULTILINE)
        found = pattern.search(text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None
