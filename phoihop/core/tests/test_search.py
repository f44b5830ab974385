import pytest
from django.db import connection

from phoihop.core.search import folded_search, search_terms
from phoihop.core.text import fold
from phoihop.organisations.models import AdminUnit, Organisation
from phoihop.organisations.services import organisation_update


def units(query):
    return set(folded_search(AdminUnit.objects.all(), query).values_list("name", flat=True))


def bodies(query):
    return set(folded_search(Organisation.objects.all(), query).values_list("name", flat=True))


def naive(model, query):
    """What the search must answer, computed in Python from the stored folded text."""
    terms = fold(query).split()
    return {
        row.name
        for row in model.objects.all()
        if terms and all(term in row.search_text for term in terms)
    }


def test_search_terms_are_folded_words():
    assert search_terms("  Phường  ĐỨC Phổ ") == ["phuong", "duc", "pho"]
    assert search_terms("") == []


def test_a_nul_byte_or_other_control_character_separates_words(world):
    assert search_terms("Đức\x00Phổ\x1b") == ["duc", "pho"]
    assert units("Đức\x00Phổ") == {"Phường Đức Phổ"}


def test_quang_ngai_without_marks_finds_the_province(world):
    assert units("quang ngai") == {"Quảng Ngãi"}


@pytest.mark.parametrize("query", ["duc pho", "ĐỨC PHỔ", "Đức Phổ", "phuong duc pho", "pho duc"])
def test_duc_pho_is_found_however_it_is_typed(world, query):
    assert "Phường Đức Phổ" in units(query)
    assert "Quảng Ngãi" not in units(query)


def test_a_word_matches_inside_longer_words(world):
    assert units("uang") == {"Quảng Ngãi"}
    assert units("pho") == {"Phường Đức Phổ", "Thành phố Hà Nội"}


@pytest.mark.parametrize(("query", "expected"), [("ha noi", "Thành phố Hà Nội"), ("ha", None)])
def test_words_shorter_than_three_letters_still_match(world, query, expected):
    found = units(query)
    assert "Thành phố Hà Nội" in found
    if expected:
        assert found == {expected}


def test_a_word_that_is_nowhere_finds_nothing(world):
    assert units("xyzzy") == set()
    assert bodies("xyzzy") == set()
    assert bodies("quang ngai xyzzy") == set()


def test_an_empty_query_finds_nothing(world):
    assert units("") == set()
    assert units("   ") == set()


def test_every_word_of_the_query_must_match(world):
    assert bodies("ubnd") == {"UBND tỉnh Quảng Ngãi", "UBND phường Đức Phổ"}
    assert bodies("ubnd duc pho") == {"UBND phường Đức Phổ"}
    assert bodies("ubnd ha noi") == set()


def test_a_body_is_found_by_the_place_it_sits_in_and_its_symbol(world):
    found = bodies("quang ngai")
    assert "Đảng ủy phường Đức Phổ" in found  # through the commune's province
    assert "Sở Văn hóa, Thể thao và Du lịch" in found  # through its seat
    assert "Thành ủy Hà Nội" not in found
    assert bodies("hdnd") == {"Thường trực HĐND tỉnh Quảng Ngãi"}
    assert bodies("SVHTTDL") == {"Sở Văn hóa, Thể thao và Du lịch"}


@pytest.mark.parametrize(
    "query",
    ["quang ngai", "duc pho", "uy", "ban tuyen giao", "ha noi", "ủy ban", "so van", "a", "ng ai"],
)
def test_search_answers_exactly_what_the_folded_text_contains(world, query):
    assert bodies(query) == naive(Organisation, query)
    assert units(query) == naive(AdminUnit, query)


@pytest.mark.parametrize("query", ['"', 'duc"pho', "100%", "_", "pho*", "NEAR(a b)", "-duc"])
def test_punctuation_in_the_query_is_taken_literally(world, query):
    assert bodies(query) == naive(Organisation, query)
    assert units(query) == naive(AdminUnit, query)


def test_a_renamed_body_is_found_by_its_new_name_only(world):
    organisation_update(
        actor=world.actor(world.admin),
        organisation=world.department,
        name="Sở Khoa học và Công nghệ",
        symbol="SKHCN",
    )
    assert bodies("khoa hoc cong nghe") == {"Sở Khoa học và Công nghệ"}
    assert bodies("the thao du lich") == set()


def test_a_deleted_row_is_no_longer_found(world):
    unit = AdminUnit.objects.create(
        level=AdminUnit.Level.COMMUNE,
        code=99999,
        name="Xã Thử Nghiệm",
        kind=AdminUnit.Kind.COMMUNE,
        parent=world.quang_ngai,
        codename="xa_thu_nghiem",
        search_text=fold("Xã Thử Nghiệm"),
    )
    assert units("thu nghiem") == {"Xã Thử Nghiệm"}
    unit.delete()
    assert units("thu nghiem") == set()


def test_long_words_use_the_database_text_index(world):
    sql = str(folded_search(AdminUnit.objects.all(), "quang ng").query)
    if connection.vendor == "sqlite":
        assert "organisations_adminunit_fts MATCH" in sql
        assert "LIKE" in sql  # "ng" is too short for the trigram index
    else:
        assert sql.count("LIKE") == 2
