from django.test import Client


def test_vietnamese_is_the_default_even_for_an_english_browser(db: None) -> None:
    page = Client(headers={"accept-language": "en-US,en;q=0.9"}).get("/")
    assert page["Content-Language"] == "vi"
    assert 'lang="vi"' in page.content.decode()


def test_the_language_switch_chooses_english(db: None) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/")
    assert page["Content-Language"] == "en"
    assert 'lang="en"' in page.content.decode()
