"""Where readers write: the configured address, else the forge's issue form, never an invented one."""

from __future__ import annotations

import pytest

from mesbox.rendering.contact import Contact, resolve_contact

REPO = "https://github.com/mouvement-economie-solidaire/mesbox"


def test_an_email_address_becomes_a_mailto_link() -> None:
    assert resolve_contact(" equipe@exemple.org ", REPO) == Contact("mailto:equipe@exemple.org", "Écrire à l’équipe éditoriale")


def test_an_https_page_is_used_as_given() -> None:
    assert resolve_contact("https://exemple.org/contact", REPO).href == "https://exemple.org/contact"  # type: ignore[union-attr]


def test_without_a_setting_readers_go_to_the_issue_form() -> None:
    contact = resolve_contact(None, REPO + "/")
    assert contact is not None and contact.href == REPO + "/issues/new/choose" and "formulaire" in contact.label
    assert resolve_contact("", "") is None  # no forge either: nothing is made up


@pytest.mark.parametrize("setting", ["http://exemple.org", "javascript:alert(1)", "équipe", "a@b", "https://a b"])
def test_anything_else_is_refused_in_french(setting: str) -> None:
    with pytest.raises(ValueError, match="ni une adresse e-mail ni une adresse https://"):
        resolve_contact(setting, REPO)
