"""Per-language words and date formats, in one table.

Templates look labels up here (`labels[lang].key`) instead of testing the
language themselves, so adding a language is adding a column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .models import Lang


@dataclass(frozen=True)
class Labels:
    lang: Lang
    dir: str
    name: str  # the language's own name, as a section heading
    briefing: str
    topics: str
    sources: str
    articles: str
    article: str  # after the number 1
    paragraph: str
    no_date: str
    inferred: str  # {date}: the earliest date the text allows (its mentions), not given
    unknown_source: str
    undated_count: str  # {n} of {total} articles
    undated_one: str  # the same when one article has no date
    offline_unavailable: str  # {other}: the language the sources are in; {see}: see_other
    online_unavailable: str  # the same, in a run with a model, after its notice
    other_language_name: str  # how this language names the other one
    see_other: str  # points the reader to the other language's section
    # {items}: who and where, for the contents line of a topic with no title
    # in this language (its sources are all in the other one)
    contents_gist: str
    see_also: str  # before the links to topics that tell other events of one story
    who: str  # {items}: the people and bodies the sources name, in this language
    where: str  # {items}: the places they name
    when: str  # {items}: the dates and years the text gives
    figures: str  # {items}: figures with their units
    resolutions: str  # {items}: UN resolution numbers
    reported: str  # {dates}: when the sources were published
    undated_since: str  # {year}: an undated topic's text names no later year
    separator: str  # between the items of a list
    # between dates of a list, where a comma would join "22 November" and
    # "2027" into one date
    date_separator: str
    dropped: str  # {count}
    extractive: str
    # {sections} language sections of {topics} of {total} topics the judge
    # could not check (a failed call); the `_one` form for one section.
    judge_failed_count: str
    judge_failed_one: str
    skipped: str
    months: tuple[str, ...]
    # Words of the HTML pages only.
    citation: str  # a citation link's spoken name: {n} the source, {p} the paragraph
    skip_to_topics: str
    back_to_summary: str
    original: str  # link to the article's own page
    new: str  # a topic's status
    continuing: str
    all_briefings: str

    def date(self, day: dt.date | dt.datetime | None, inferred: bool = False) -> str:
        """A date written the way this language's readers expect; an inferred
        one says so."""
        if day is None:
            return self.no_date
        written = f"{day.day} {self.months[day.month - 1]} {day.year}"
        return self.inferred.format(date=written) if inferred else written


LABELS: dict[Lang, Labels] = {
    "en": Labels(
        lang="en",
        dir="ltr",
        name="English",
        briefing="Briefing",
        topics="Topics",
        sources="Sources",
        articles="articles",
        article="article",
        paragraph="para.",
        no_date="undated",
        inferred="{date} or later (inferred from the text)",
        unknown_source="unknown source",
        undated_count="{n} of {total} articles have no date.",
        undated_one="1 of {total} articles has no date.",
        offline_unavailable=(
            "No English summary is available offline: every source of this topic is in {other}"
            " {see}."
        ),
        online_unavailable=(
            "No sentence can be quoted instead: every source of this topic is in {other} {see}."
        ),
        other_language_name="Arabic",
        see_other="(see the Arabic section)",
        contents_gist="(in Arabic) {items}",
        see_also="See also",
        who="Who: {items}.",
        where="Where: {items}.",
        when="When: {items}.",
        figures="Figures: {items}.",
        resolutions="UN resolutions: {items}.",
        reported="Published: {dates}.",
        undated_since="Undated: written in {year} or later.",
        separator=", ",
        date_separator="; ",
        dropped="{count} generated sentence(s) were left out because they could not be verified",
        extractive="Extractive summary: sentences quoted from the sources.",
        judge_failed_count=(
            "The judge could not check {sections} language sections ({topics} of {total} "
            "topics): their sentences and titles passed the deterministic checks only."
        ),
        judge_failed_one=(
            "The judge could not check 1 language section (1 of {total} topics): its "
            "sentences and title passed the deterministic checks only."
        ),
        skipped="Skipped inputs",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        citation="Source {n}, paragraph {p}",
        skip_to_topics="Skip to the topics",
        back_to_summary="Back to the summary",
        original="Read the original",
        new="New",
        continuing="Continuing",
        all_briefings="All briefings",
    ),
    "ar": Labels(
        lang="ar",
        dir="rtl",
        name="العربية",
        briefing="الموجز",
        topics="الموضوعات",
        sources="المصادر",
        articles="مقالات",
        article="مقال",
        paragraph="فقرة",
        no_date="بلا تاريخ",
        inferred="{date} أو بعده (مستنتج من النص)",
        unknown_source="مصدر غير معروف",
        undated_count="مقالات بلا تاريخ: {n} من {total}.",
        undated_one="مقال واحد من {total} بلا تاريخ.",
        offline_unavailable=(
            "لا يتوفر ملخص بالعربية في الوضع غير المتصل: جميع مصادر هذا الموضوع {other} {see}."
        ),
        online_unavailable=(
            "ولا يمكن نقل جمل من المصادر بدلاً منه: جميع مصادر هذا الموضوع {other} {see}."
        ),
        other_language_name="بالإنجليزية",
        see_other="(انظر القسم الإنجليزي)",
        contents_gist="(بالإنجليزية) {items}",
        see_also="انظر أيضاً",
        who="الأطراف: {items}.",
        where="المكان: {items}.",
        when="الزمان: {items}.",
        figures="الأرقام: {items}.",
        resolutions="قرارات الأمم المتحدة: {items}.",
        reported="تاريخ النشر: {dates}.",
        undated_since="بلا تاريخ: كُتب في {year} أو بعده.",
        separator="، ",
        date_separator="؛ ",
        dropped="حُذفت {count} من الجمل المولَّدة لتعذّر التحقق منها",
        extractive="ملخص استخلاصي: جمل منقولة من المصادر.",
        judge_failed_count=(
            "أقسام لغوية تعذّر على نموذج التحكيم فحصها: {sections} (المواضيع: {topics} من "
            "{total})، فجملها وعناوينها اجتازت الفحوص الآلية وحدها."
        ),
        judge_failed_one=(
            "تعذّر على نموذج التحكيم فحص قسم لغوي واحد (موضوع واحد من {total})، "
            "فجمله وعنوانه اجتازت الفحوص الآلية وحدها."
        ),
        skipped="مدخلات لم تُستخدم",
        months=(
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ),
        citation="المصدر {n}، الفقرة {p}",
        skip_to_topics="انتقل إلى الموضوعات",
        back_to_summary="العودة إلى الملخص",
        original="اقرأ المقال الأصلي",
        new="جديد",
        continuing="متواصل",
        all_briefings="كل الموجزات",
    ),
}


def other(lang: Lang) -> Lang:
    return "en" if lang == "ar" else "ar"


def _unavailable(labels: Labels, template: str) -> str:
    return template.format(other=labels.other_language_name, see=labels.see_other)


def unavailable_notice(
    lang: Lang,
    parts: Sequence[tuple[str, Sequence[str]]] = (),
    dates: Sequence[dt.date] = (),
    not_before: int | None = None,
    inferred: Collection[dt.date] = (),
) -> str:
    """The notice for a `lang` section whose sources are all in the other
    language: that no summary can be given, a pointer to the other section,
    then what can be said without translation: each of `parts` as
    (label field, items already written in `lang`; e.g. ("who", names)),
    the `dates` its sources were published (those in `inferred` marked as
    read from the text) or, for an undated topic, the year `not_before`
    which its text names no later one."""
    labels = LABELS[lang]
    notice = _unavailable(labels, labels.offline_unavailable)
    for field, items in parts:
        if items:
            template = getattr(labels, field)
            separator = labels.date_separator if field == "when" else labels.separator
            notice += " " + template.format(items=separator.join(items))
    if dates:
        written = labels.separator.join(labels.date(d, d in inferred) for d in dates)
        notice += " " + labels.reported.format(dates=written)
    elif not_before:
        notice += " " + labels.undated_since.format(year=not_before)
    return notice


def online_notice(lang: Lang, notice: str | None) -> str | None:
    """An extractive fallback's `notice` as a run with a model shows it: the
    offline unavailable-summary sentence becomes one that says no sentence
    can be quoted instead (the names that follow it are kept)."""
    if notice is None:
        return None
    labels = LABELS[lang]
    offline = _unavailable(labels, labels.offline_unavailable)
    online = _unavailable(labels, labels.online_unavailable)
    return notice.replace(offline, online, 1)


# The fields of an unavailable notice after its opening, in the order
# `unavailable_notice` writes them.
_NOTICE_FIELDS = ("who", "where", "when", "figures", "resolutions", "reported", "undated_since")
# How many people and how many places a contents line gives: enough to tell
# the story, short enough for one line.
CONTENTS_NAMES = 2


def notice_items(lang: Lang, notice: str, field: str) -> list[str]:
    """The items of `field` ("who", "where") in a notice written by
    `unavailable_notice` for `lang` (none when it has no such field): the
    text between the field's label and the next field's, split on the
    language's separator."""
    labels = LABELS[lang]
    start_label = getattr(labels, field).split("{")[0]
    start = notice.find(" " + start_label)
    if start < 0:
        return []
    start += len(start_label) + 1
    ends = [
        notice.find(" " + getattr(labels, f).split("{")[0], start)
        for f in _NOTICE_FIELDS
        if f != field
    ]
    end = min([e for e in ends if e >= 0] + [len(notice)])
    body = notice[start:end].strip().removesuffix(".")
    return [item for item in body.split(labels.separator) if item]


def contents_gist(lang: Lang, notice: str | None, *, figure: bool = False) -> str | None:
    """What the table of contents shows in `lang` for a topic with no title
    in it: the first people and places its `lang` notice names (at most
    `CONTENTS_NAMES` of each, who first), with `figure` its first figure
    too, marked as told in the other language; None when the notice names
    none."""
    if not notice:
        return None
    names = [
        *notice_items(lang, notice, "who")[:CONTENTS_NAMES],
        *notice_items(lang, notice, "where")[:CONTENTS_NAMES],
    ]
    if names and figure:
        names += notice_items(lang, notice, "figures")[:1]
    if not names:
        return None
    labels = LABELS[lang]
    return labels.contents_gist.format(items=labels.separator.join(names))
