"""Downloading a programme's document: scoped like the programme, DOCX and PDF."""

import pytest
from django.urls import reverse

from phoihop.documents import pdf
from phoihop.testing.programmes import build_programme

from .reading import flat, open_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def prg(world):
    return build_programme(world)


@pytest.mark.parametrize("name", ["programmes:docx", "programmes:pdf"])
def test_the_outsider_gets_404_on_the_programme_document(world, login, prg, name):
    response = login(world.outsider).get(reverse(name, args=[prg.programme.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["programmes:docx", "programmes:pdf"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, prg, name):
    response = client.get(reverse(name, args=[prg.programme.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_board_officer_downloads_the_docx(world, login, prg):
    response = login(world.board_officer).get(reverse("programmes:docx", args=[prg.programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert f"chuong-trinh-{prg.programme.pk}.docx" in response["Content-Disposition"]
    lines = [flat(p.text) for p in open_docx(response.content).paragraphs]
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in lines


def test_a_party_officer_downloads_the_pdf(world, login, prg):
    # The department's officer sees the programme its people's committee signed.
    response = login(world.agency_officer).get(reverse("programmes:pdf", args=[prg.programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"chuong-trinh-{prg.programme.pk}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_without_libreoffice_the_pdf_link_explains_and_offers_the_docx(
    world, login, prg, monkeypatch
):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    client = login(world.board_officer)
    response = client.get(reverse("programmes:pdf", args=[prg.programme.pk]), follow=True)
    assert response.status_code == 200
    assert "chưa cài LibreOffice" in response.content.decode()
