"""A person edits their own profile, administrators edit anyone's, nobody else can."""

import re
from io import BytesIO

import pytest
from PIL import Image

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.factories import CommunityTeamMemberFactory
from intranet.factories import UserFactory
from intranet.roles import COMMUNICATORS
from people import services
from people.factories import PersonFactory, image_bytes, png_claiming
from people.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def finance_colleague():
    """Someone in Finance, so that the department the form posts is one people are in."""
    return PersonFactory(username="cora", profile__department="Finance")


def edit_url(user):
    return reverse("people:edit", args=[user.username])


def form_data(**changes):
    data = {
        "display_name": "Erin Lindqvist",
        "job_title": "Payroll specialist",
        "department": "Finance",
        "team": "Payroll",
        "location": "Stockholm",
        "discipline": "business",
        "bio": "I keep the salaries flowing.",
        "expertise": "payroll, Excel",
        "ask_me_about": "Expenses",
        "email": "erin@example.com",
        "phone": "+46 8 123 45",
        "chat_handle": "@erin",
    }
    data.update(changes)
    return data


def communicator():
    user = UserFactory(username="communicator")
    user.groups.add(Group.objects.get(name=COMMUNICATORS))
    return user


def upload(content, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def snapshot(user):
    profile = Profile.objects.get(user=user)
    return (
        [(f.name, getattr(profile, f.name)) for f in Profile._meta.concrete_fields],
        sorted(tag.name for tag in profile.expertise.all()),
    )


def test_an_employee_edits_their_own_profile(employee_client, employee):
    response = employee_client.post(edit_url(employee), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=["erin"])
    profile = Profile.objects.get(user=employee)
    assert profile.job_title == "Payroll specialist"
    assert profile.chat_handle == "@erin"
    assert sorted(tag.name for tag in profile.expertise.all()) == ["Excel", "payroll"]


def test_the_edit_form_shows_the_current_details(employee_client, employee):
    employee.profile.expertise.set(["payroll"])
    response = employee_client.get(edit_url(employee))
    assert response.status_code == 200
    assert 'name="expertise" value="payroll"' in response.content.decode()


@pytest.mark.parametrize(
    "make_intruder",
    [
        lambda: UserFactory(username="colleague"),
        lambda: communicator(),
        lambda: CommunityTeamMemberFactory(user=UserFactory(username="lead")).user,
        lambda: UserFactory(username="staff", is_staff=True),
    ],
    ids=["colleague", "communicator", "community lead", "staff"],
)
def test_nobody_else_can_open_or_post_the_edit_form(client, employee, make_intruder, home):
    intruder = make_intruder()
    client.force_login(intruder)
    before = snapshot(employee)

    assert client.get(edit_url(employee)).status_code == 403
    assert client.post(edit_url(employee), form_data(job_title="Hacked")).status_code == 403
    assert snapshot(employee) == before
    # The person's page does not offer them the button either.
    assert not client.get(reverse("people:person", args=["erin"])).context["can_edit"]


def test_the_service_refuses_someone_else_too(employee):
    other = UserFactory(username="other")
    with pytest.raises(services.NotYourProfile):
        services.update_profile(other, employee.profile, {"job_title": "Hacked"}, [])
    assert Profile.objects.get(user=employee).job_title == ""


def test_a_deactivated_account_cannot_edit_even_its_own_profile(employee):
    employee.is_active = False
    assert not services.can_edit_profile(employee, employee.profile)


def test_an_administrator_edits_anyones_profile(client, admin_user, employee):
    client.force_login(admin_user)
    response = client.post(edit_url(employee), form_data(job_title="Head of payroll"))
    assert response.status_code == 302
    assert Profile.objects.get(user=employee).job_title == "Head of payroll"


def test_an_unknown_person_is_a_404(employee_client):
    assert employee_client.get(reverse("people:edit", args=["nobody"])).status_code == 404


def test_a_missing_display_name_is_refused_and_nothing_changes(employee_client, employee):
    before = snapshot(employee)
    response = employee_client.post(edit_url(employee), form_data(display_name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert snapshot(employee) == before


def test_too_many_expertise_tags_are_refused(employee_client, employee):
    tags = ", ".join(f"skill {n}" for n in range(services.MAX_EXPERTISE_TAGS + 1))
    response = employee_client.post(edit_url(employee), form_data(expertise=tags))
    assert "List at most 20 areas of expertise" in response.context["form"].errors["expertise"][0]


def test_the_department_is_picked_from_those_people_are_in(employee_client, employee):
    PersonFactory(profile__department="HR")
    PersonFactory(profile__department="HR", is_active=False)
    PersonFactory(profile__department="Left with everyone", is_active=False)
    html = employee_client.get(edit_url(employee)).content.decode()
    select = re.search(r'<select name="department"[^>]*>(.*?)</select>', html).group(1)
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "Finance", "HR"]
    assert '<label for="id_department">Department</label>' in html
    response = employee_client.post(edit_url(employee), form_data(department="HR"))
    assert response.status_code == 302
    assert Profile.objects.get(user=employee).department == "HR"


def test_a_department_nobody_is_in_is_refused_with_a_clear_message(employee_client, employee):
    before = snapshot(employee)
    response = employee_client.post(edit_url(employee), form_data(department="H.R."))
    assert response.status_code == 200
    assert response.context["form"].errors["department"] == [
        "Choose a department from the list. Departments come from the people import: ask "
        "an administrator if yours is missing."
    ]
    assert snapshot(employee) == before


def test_ones_own_department_stays_on_offer_when_nobody_else_is_in_it(employee_client, employee):
    employee.profile.department = "Payroll"
    employee.profile.save()
    html = employee_client.get(edit_url(employee)).content.decode()
    assert '<option value="Payroll" selected>Payroll</option>' in html
    assert employee_client.post(edit_url(employee), form_data(department="")).status_code == 302
    assert Profile.objects.get(user=employee).department == ""


# Photos


def test_the_form_shows_the_current_photo_where_the_chosen_one_will_be_previewed(
    employee_client, employee
):
    html = employee_client.get(edit_url(employee)).content.decode()
    # No photo yet: the preview waits, hidden, for a file to be chosen.
    assert re.search(r'<figure class="photo-preview" id="photo-preview"[^>]* hidden>', html)
    assert '<script src="/static/people/photo_preview.js" defer></script>' in html
    services.update_profile(
        employee, employee.profile, {}, [], photo=services.prepare_photo(upload(image_bytes()))
    )
    url = Profile.objects.get(user=employee).photo.url
    html = employee_client.get(edit_url(employee)).content.decode()
    assert f'data-current-src="{url}"' in html
    assert f'<img class="avatar avatar--large" id="photo-preview-image" src="{url}" alt="">' in html
    assert "The current photo</figcaption>" in html
    assert not re.search(r'<figure class="photo-preview"[^>]* hidden>', html)


def test_a_photo_is_stored_re_encoded_and_served_to_signed_in_people(
    employee_client, employee, client
):
    photo = upload(image_bytes((900, 600), "JPEG"), name="holiday.jpeg", content_type="image/jpeg")
    response = employee_client.post(edit_url(employee), {**form_data(), "new_photo": photo})
    assert response.status_code == 302
    profile = Profile.objects.get(user=employee)
    assert profile.photo.name.startswith("people/photos/photo")
    assert profile.photo.name.endswith(".jpg")
    with Image.open(profile.photo) as stored:
        assert max(stored.size) == services.PHOTO_STORED_PIXELS

    assert employee_client.get(profile.photo.url).status_code == 200
    client.logout()
    assert client.get(profile.photo.url).status_code == 302


def test_the_photo_loses_its_location_metadata(employee):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # any tag will do: all of them must go
    output = BytesIO()
    Image.new("RGB", (300, 300)).save(output, format="JPEG", exif=exif)
    prepared = services.prepare_photo(upload(output.getvalue(), "p.jpg", "image/jpeg"))
    with Image.open(prepared) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not a JPEG, PNG or WebP photo",
        ),
        (b"just some text, named like a picture", "not a JPEG, PNG or WebP photo"),
        (image_bytes(image_format="PNG")[:60], "damaged or incomplete"),
        (image_bytes(image_format="GIF"), "not a JPEG, PNG or WebP photo"),
        (image_bytes((40, 400)), "at least 64 on each side"),
    ],
    ids=["svg", "text", "truncated png", "gif", "too small"],
)
def test_a_bad_photo_gets_a_clear_error_and_nothing_changes(
    employee_client, employee, content, message
):
    services.update_profile(employee, employee.profile, {}, ["payroll"], photo=None)
    before = snapshot(employee)
    response = employee_client.post(
        edit_url(employee), {**form_data(job_title="Changed"), "new_photo": upload(content)}
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["new_photo"][0]
    assert snapshot(employee) == before


def test_a_truncated_jpeg_gets_a_form_error_and_the_first_photo_stays(employee_client, employee):
    first = upload(image_bytes((900, 600), "JPEG"), name="first.jpg", content_type="image/jpeg")
    assert (
        employee_client.post(edit_url(employee), {**form_data(), "new_photo": first}).status_code
        == 302
    )
    kept = Profile.objects.get(user=employee).photo.name
    whole = image_bytes((900, 600), "JPEG", colour="orange")
    truncated = upload(whole[: len(whole) // 2], name="cut.jpg", content_type="image/jpeg")
    response = employee_client.post(edit_url(employee), {**form_data(), "new_photo": truncated})
    assert response.status_code == 200
    assert "damaged or incomplete" in response.context["form"].errors["new_photo"][0]
    profile = Profile.objects.get(user=employee)
    assert profile.photo.name == kept
    assert profile.photo.storage.exists(kept)


def test_the_photo_pixel_limit_is_wagtails_image_limit(employee_client, employee, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    services.prepare_photo(upload(image_bytes((100, 100))))
    before = snapshot(employee)
    response = employee_client.post(
        edit_url(employee), {**form_data(), "new_photo": upload(image_bytes((101, 100)))}
    )
    assert response.status_code == 200
    assert (
        "The photo is 101×100 pixels: keep it under 10,000 pixels."
        in response.context["form"].errors["new_photo"][0]
    )
    assert snapshot(employee) == before


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (6000, 5000, "The photo is 6000×5000 pixels: keep it under 25,000,000 pixels."),
        # Pillow will not open an image over twice its own limit (about 179 million pixels).
        (20_000, 20_000, "The photo has too many pixels: keep it under 25,000,000."),
    ],
)
def test_a_photo_with_too_many_pixels_is_refused_from_its_header_before_decoding(
    width, height, message
):
    with pytest.raises(ValidationError) as refused:
        services.prepare_photo(upload(png_claiming(width, height)))
    assert refused.value.messages == [message]


def test_a_photo_over_the_size_limit_is_refused_before_it_is_read(employee, settings):
    too_large = upload(b"0" * (services.PHOTO_MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="choose one under 5.0"):
        services.prepare_photo(too_large)


def test_replacing_and_removing_a_photo_deletes_the_old_file(
    employee, django_capture_on_commit_callbacks
):
    profile = employee.profile
    with django_capture_on_commit_callbacks(execute=True):
        services.update_profile(
            employee, profile, {}, [], photo=services.prepare_photo(upload(image_bytes()))
        )
    first = profile.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        services.update_profile(
            employee, profile, {}, [], photo=services.prepare_photo(upload(image_bytes()))
        )
    second = profile.photo.name
    assert second != first
    assert not profile.photo.storage.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        services.update_profile(employee, profile, {}, [], remove_photo=True)
    assert not Profile.objects.get(pk=profile.pk).photo
    assert not profile.photo.storage.exists(second)


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_jpeg_png_and_webp_photos_are_accepted(image_format, extension):
    prepared = services.prepare_photo(upload(image_bytes((64, 64), image_format), name="x.bin"))
    assert prepared.name == f"photo.{extension}"
    with Image.open(prepared) as image:
        assert (image.format, image.size) == (image_format, (64, 64))
