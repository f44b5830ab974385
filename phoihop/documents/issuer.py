"""A body as its documents print it: the format profile of its side, the place, the issuing-body
lines of the heading and the authority lines of the signature (FORMATS.md, ND30 and HD36).

Heading. The upper line is the body directly above the issuer — the body's own setting
(`parent_name`), else its parent in the tree when that is on the same side: a board under its
Party committee ("TỈNH ỦY QUẢNG NGÃI" / "BAN TUYÊN GIÁO VÀ DÂN VẬN"), a commune's board under
the commune Party committee, a department under the people's committee. The lower line is the
issuer's own name without repeating the upper line or its place. The block fits in three
lines: when spelled out it would take more, the upper line (then the issuer) takes the usual
abbreviations (UBND, HĐND). Word pairs such as "TỈNH ỦY" and the place are joined by no-break
spaces, so neither our line breaking nor Word's splits them.

Signature. The signer's choice — the head, a deputy signing for the head, an acting head, by
order or by proxy — is read from the authority typed on the record ("KT.", "Q.", "TL.", "TUQ.",
or a deputy's title under "TM."). The head's and deputy's titles and the collective a "TM."
speaks for come from the body's kind (`KindTitle`, data); the line after "KT." names the
head's title, never the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from phoihop.organisations.models import KindTitle, Organisation

from .docx import CELL_MARGIN_CM, HEADER_WIDTHS_CM, IssuerBlock, balanced_lines
from .places import place_on
from .profiles import EXPANSIONS, FormatProfile, place_and_date, profile_for

NBSP = "\u00a0"
# Word pairs a line never breaks inside (either spelling of "ủy"): the committees, and the
# two-syllable words of body names and titles ("THỂ / THAO" would read as two words).
BOUND_PAIRS = (
    "tỉnh ủy",
    "thành ủy",
    "đảng ủy",
    "huyện ủy",
    "quận ủy",
    "thị ủy",
    "đảng bộ",
    "đảng đoàn",
    "ủy ban",
    "nhân dân",
    "hội đồng",
    "thường trực",
    "thường vụ",
    "chủ tịch",
    "trưởng ban",
    "giám đốc",
    "tuyên giáo",
    "dân vận",
    "xây dựng",
    "văn hóa",
    "thể thao",
    "du lịch",
    "giáo dục",
    "đào tạo",
    "y tế",
    "tài chính",
    "công thương",
    "nông nghiệp",
    "môi trường",
    "khoa học",
    "công nghệ",
    "nội vụ",
    "tư pháp",
    "ngoại vụ",
    "dân tộc",
    "tôn giáo",
    "thanh tra",
    "văn phòng",
    "tòa án",
    "kiểm sát",
    "mặt trận",
    "tổ quốc",
    "bảo hiểm",
    "xã hội",
    "ngân hàng",
    "nhà nước",
    "chi nhánh",
)
UNIT_WORDS = ("tỉnh", "thành phố", "xã", "phường", "đặc khu", "thị trấn")
MAX_HEADING_LINES = 3  # a state body's issuing-body block


def keep_together(text: str, places: tuple[str, ...] = ()) -> str:
    """`text` with no-break spaces inside each bound pair, each place and its unit word."""
    phrases = [*BOUND_PAIRS, *(p.replace("ủy", "uỷ") for p in BOUND_PAIRS if "ủy" in p)]
    for place in filter(None, places):
        phrases += [f"{word} {place}" for word in UNIT_WORDS] + [place]
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.split()
        if len(words) < 2:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
        text = re.sub(pattern, lambda m: NBSP.join(m.group(0).split()), text, flags=re.I)
    return text


def expand(text: str) -> str:
    """ "UBND tỉnh" → "Ủy ban nhân dân tỉnh" (a heading spells its own name out)."""
    for short, full in EXPANSIONS.items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, text)
    return text


def contract(text: str) -> str:
    """ "Ủy ban nhân dân tỉnh" → "UBND tỉnh" (the upper line may abbreviate, ND30)."""
    for short, full in EXPANSIONS.items():
        text = re.sub(rf"(?<!\w){re.escape(full)}(?!\w)", short, text, flags=re.I)
    return text


def without_repeat(name: str, parent: str, place: str) -> str:
    """The issuer's name without the upper line it sits under ("Ban Tuyên giáo và Dân vận Tỉnh
    ủy Quảng Ngãi" under "Tỉnh ủy Quảng Ngãi"), or without the place that line already names
    ("Tỉnh ủy Quảng Ngãi" under "Đảng bộ tỉnh Quảng Ngãi" → "Tỉnh ủy")."""
    folded_name, folded_parent = expand(name).casefold(), expand(parent).casefold()
    if parent and folded_name.endswith(" " + folded_parent):
        return expand(name)[: -len(folded_parent)].strip()
    if place and folded_parent.endswith(place.casefold()):
        units = "|".join(UNIT_WORDS)
        pattern = rf"\s+(?:(?:{units})\s+)?{re.escape(place)}$"
        return re.sub(pattern, "", name, flags=re.I).strip() or name
    return name


class Choice(Enum):
    """How the signer signs: as the head, or for the head (ND30 KT./Q./TL./TUQ.)."""

    HEAD = ""
    DEPUTY = "KT"
    ACTING = "Q"
    BY_ORDER = "TL"
    BY_PROXY = "TUQ"


CHOICES = {choice.value: choice for choice in Choice if choice.value}
UNDER_COLLECTIVE = {Choice.HEAD, Choice.DEPUTY, Choice.ACTING}


@dataclass(frozen=True)
class Signer:
    """Who signs a document and how, as a party or a report records it."""

    authority: str = ""  # as typed: "TM.", "KT.", "Q.", "TL.", "TUQ.", "T/M", "K/T"…
    deputy_authority: str = ""  # "KT." under a "TM." line
    collective: str = ""  # after "TM."; blank or the body itself: the kind's collective
    head_title: str = ""  # blank: the kind's
    title: str = ""  # the signer's own title
    name: str = ""


def authority_key(text: str) -> str:
    return re.sub(r"[\s./]", "", text or "").upper()


class Issuer:
    """`organisation` issuing a document dated `day` (the place is the one on that day),
    under `name` when it signs as another body (e.g. its Party delegation)."""

    def __init__(self, organisation: Organisation, *, day: date | None, name: str = "") -> None:
        self.organisation = organisation
        self.profile: FormatProfile = profile_for(organisation)
        self.place = place_on(organisation, day)
        self.day = day
        self.titles = KindTitle.objects.for_kind(organisation.kind)
        self.parent, self.name = self._heading(name or organisation.name)

    # --- heading ------------------------------------------------------------------------------
    def _above(self) -> str:
        if self.organisation.parent_name:
            return self.organisation.parent_name
        parent = Organisation.objects.get_parent(self.organisation)
        if parent is not None and parent.side == self.organisation.side and parent.depth > 1:
            return parent.name
        return ""

    def _heading(self, name: str) -> tuple[str, str]:
        parent = self._above()
        issuer = expand(without_repeat(name, parent, self.place))
        parent = expand(parent)
        # Spelled out first; abbreviated (the upper line, then the issuer) past three lines.
        if self._count(parent, issuer) > MAX_HEADING_LINES:
            parent = contract(parent)
        if self._count(parent, issuer) > MAX_HEADING_LINES:
            issuer = contract(issuer)
        places = (self.place,)
        return keep_together(parent.upper(), places), keep_together(issuer.upper(), places)

    def _count(self, parent: str, issuer: str) -> int:
        return self._lines(parent, bold=False) + self._lines(issuer, bold=True)

    def _lines(self, text: str, *, bold: bool) -> int:
        if not text:
            return 0
        size = self.profile.issuer_size if bold else self.profile.parent_size
        width = HEADER_WIDTHS_CM[0] - 2 * CELL_MARGIN_CM
        text = keep_together(text.upper(), (self.place,))
        return len(balanced_lines(text, width, size=size, bold=bold))

    def issuer_block(self, number: str, *, subject: str = "", mark: str = "") -> IssuerBlock:
        """The header block with `number`, the whole number line (and a letter's subject)."""
        return IssuerBlock(
            profile=self.profile,
            parent=self.parent,
            issuer=self.name,
            number=number,
            place_date=place_and_date(self.place or "\u2026", self.day),
            subject=subject,
            mark=mark,
        )

    # --- signature ----------------------------------------------------------------------------
    def choice(self, signer: Signer) -> Choice:
        key = authority_key(signer.deputy_authority) or authority_key(signer.authority)
        if key in CHOICES:
            return CHOICES[key]
        deputy = (self.titles.deputy_title if self.titles else "") or "Phó "
        if signer.title.casefold().startswith(deputy.casefold()):
            return Choice.DEPUTY  # a deputy under "TM." signs for the head
        return Choice.HEAD

    def collective(self, signer: Signer) -> str:
        """The collective a "TM." line names: another body the record names (a Party
        delegation), else the kind's collective; none for a body led by its head."""
        own = {self.organisation.name.casefold(), self.organisation.short_name.casefold()}
        if signer.collective and signer.collective.casefold() not in own:
            return signer.collective
        return self.titles.collective if self.titles else ""

    def own_title(self, title: str) -> str:
        """ "Phó Chủ tịch UBND tỉnh" → "Phó Chủ tịch": the title without the body it is of
        (the heading already names it)."""
        bodies = [re.escape(n) for n in (self.organisation.name, self.organisation.short_name)]
        kinds = "|".join(map(re.escape, [*EXPANSIONS, *EXPANSIONS.values()]))
        units = "|".join(UNIT_WORDS)
        place = rf"(?:\s+{re.escape(self.place)})?" if self.place else ""
        mention = "|".join([*filter(None, bodies), rf"(?:{kinds})(?:\s+(?:{units}))?{place}"])
        return re.sub(rf"\s+(?:{mention})$", "", title.strip(), flags=re.I).strip()

    def authority_lines(self, signer: Signer) -> list[str]:
        """ "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", in the issuer's spelling."""
        prefixes = self.profile.authorities
        choice = self.choice(signer)
        head = signer.head_title or (self.titles.head_title if self.titles else "")
        collective = self.collective(signer)
        # A title under another body's collective (a Party delegation's) is kept whole.
        speaks_for_itself = collective in {"", getattr(self.titles, "collective", "")}
        title = self.own_title(signer.title) if speaks_for_itself else signer.title.strip()
        lines = []
        if collective and choice in UNDER_COLLECTIVE:
            lines.append(f"{prefixes['TM']} {collective}")
        if choice is Choice.HEAD:
            lines.append(title or head)
        elif choice is Choice.DEPUTY:
            deputy = self.titles.deputy_title if self.titles else ""
            lines += [f"{prefixes['KT']} {head}" if head else "", title or deputy]
        elif choice is Choice.ACTING:
            lines.append(f"{prefixes['Q']} {head}" if head else title)
        else:
            lines += [f"{prefixes[choice.value]} {head}" if head else "", title]
        places = (self.place,)
        return [keep_together(line.upper(), places) for line in lines if line.strip()]
