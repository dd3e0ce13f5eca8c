"""Web addresses compare equal however they are written; a path covers what lies under it."""

import pytest
from django.core.exceptions import ValidationError

from reintegra.registry.addresses import normalise_address


@pytest.mark.parametrize(
    "written",
    [
        "https://www.example.com/Channel/",
        "http://example.com/channel",
        "EXAMPLE.COM/CHANNEL",
        "www.example.com/channel/",
        "https://example.com:443/channel#top",
        "//example.com/channel",
    ],
)
def test_one_address_written_in_different_ways_is_normalised_alike(written):
    assert str(normalise_address(written)) == "example.com/channel"


def test_an_internationalised_host_is_kept_in_punycode():
    assert normalise_address("https://Пример.РФ/Страница").host == "xn--e1afmkfd.xn--p1ai"
    assert normalise_address("https://Пример.РФ/Страница").path == "/страница"


def test_the_query_string_is_kept_because_it_names_one_item():
    assert str(normalise_address("youtube.com/watch?v=AbC")) == "youtube.com/watch?v=abc"


def test_a_path_covers_the_pages_under_it_but_not_a_longer_name():
    channel = normalise_address("example.com/channel")
    assert channel.covers(normalise_address("https://example.com/channel/video-1"))
    assert channel.covers(normalise_address("example.com/channel"))
    assert not channel.covers(normalise_address("example.com/channel-two"))
    assert not channel.covers(normalise_address("example.com/"))
    assert not channel.covers(normalise_address("other.com/channel"))


def test_a_host_alone_covers_its_whole_site():
    assert normalise_address("example.com").covers(normalise_address("example.com/a/b"))


@pytest.mark.parametrize("written", ["", "not an address", "http://", "exa mple.com", "localhost"])
def test_what_is_no_address_is_refused_with_a_message(written):
    with pytest.raises(ValidationError):
        normalise_address(written)
