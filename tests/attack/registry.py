"""What the attack suite aims at: the forms people post and the fields they write.

A new form joins the attacks with one line here: a POST endpoint in
`POST_ENDPOINTS` (the CSRF tests prove it refuses a post without a token and
accepts the same post with one), a field in `WRITABLE_FIELDS` (the XSS tests
write every payload into it and render it, escaped, in the page and in a real
browser). Each entry reads its objects from the attack suite's `World`
(tests/attack/conftest.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from communities.models import DiscussionPage
from conversation.models import Comment
from notifications.models import NotificationKind


@dataclass(frozen=True)
class PostEndpoint:
    """A URL name, its arguments from the world, the form's data and who posts it."""

    url_name: str
    args: Callable = lambda world: []
    # The form's fields, or a function of the world for those naming its objects by id.
    data: dict | Callable = field(default_factory=dict)
    username: str = "admin"

    def url(self, world) -> str:
        return reverse(self.url_name, args=self.args(world))

    def form(self, world) -> dict:
        return self.data(world) if callable(self.data) else self.data


def _page(name):
    return lambda world: [world.pages[name].pk]


def _comment(name):
    return lambda world: [world.comments[name].pk]


DISCUSSION = {"title": "Lunch and learn", "body": "Who would like to run the next one?"}


def _person(name, **fields):
    return lambda world: {"person": str(world.users[name].pk), **fields}


def _answer_sams_request(world):
    return {"join_request": str(world.join_requests["sam"].pk), "decision": "approve"}


POST_ENDPOINTS = [
    PostEndpoint("logout"),
    PostEndpoint("communities:join", _page("B")),
    PostEndpoint("communities:leave", _page("A child"), username="erin"),
    PostEndpoint("communities:add-member", _page("A child"), _person("sam")),
    PostEndpoint("communities:invite", _page("A child"), _person("sam", message="Welcome")),
    PostEndpoint("communities:remove-member", _page("A child"), _person("erin", reason="Left")),
    PostEndpoint(
        "communities:promote-member",
        _page("A child"),
        _person("erin", discipline="it", role="facilitator"),
    ),
    PostEndpoint("communities:answer-request", _page("invitation"), _answer_sams_request),
    PostEndpoint("communities:ask-to-join", _page("invitation"), {"message": "Hi"}, "fred"),
    PostEndpoint("communities:withdraw-request", _page("invitation"), username="sam"),
    PostEndpoint(
        "communities:answer-invitation", _page("invitation"), {"decision": "accept"}, "erin"
    ),
    PostEndpoint("communities:start-discussion", _page("A"), DISCUSSION),
    PostEndpoint("communities:edit-discussion", _page("discussion in A"), DISCUSSION),
    PostEndpoint("conversation:post", _page("discussion in A"), {"body": "Count me in."}),
    PostEndpoint("conversation:react-page", _page("discussion in A"), {"kind": "celebrate"}),
    PostEndpoint("conversation:lock", _page("discussion in A"), {"locked": "1"}),
    PostEndpoint("conversation:react", _comment("comment on discussion in A"), {"kind": "like"}),
    PostEndpoint("conversation:flag", _comment("comment on guide"), {"reason": "spam"}),
    PostEndpoint("conversation:moderate", _comment("comment on guide"), {"action": "hide"}),
    PostEndpoint(
        "conversation:edit", _comment("comment on guide"), {"body": "Better"}, username="erin"
    ),
    PostEndpoint("conversation:delete", _comment("comment on guide"), username="erin"),
    PostEndpoint("people:edit", lambda world: ["erin"], {"display_name": "Erin", "bio": "Hi"}),
    PostEndpoint("guides:complete", _page("guide")),
    PostEndpoint("guides:remind", _page("guide")),
    PostEndpoint("wagtailadmin_pages:unpublish", _page("A child")),
    PostEndpoint("notifications:follow-page", _page("discussion in A"), username="erin"),
    PostEndpoint("notifications:follow-person", lambda world: ["sam"], username="erin"),
    PostEndpoint(
        "notifications:preferences",
        data=dict.fromkeys(NotificationKind.values, "daily"),
        username="erin",
    ),
    PostEndpoint("home:dismiss-tour", username="erin"),
    PostEndpoint("insights:helpful", _page("guide"), {"helpful": "no"}, username="erin"),
    PostEndpoint("insights:suggest", data={"title": "Add a choir"}, username="erin"),
    PostEndpoint("search_feedback", data={"query": "choir", "text": "Singing"}, username="erin"),
]


@dataclass(frozen=True)
class WritableField:
    """Something an employee writes, how they write it and where others read it.

    `write(client, world, text)` posts `text` through the real form, signed in
    as erin, and returns the URL of the page that shows it. The payloads are
    joined by `separator` into texts of at most `max_length` characters, each
    written and read in turn.
    """

    name: str
    write: Callable[[Client, object, str], str]
    max_length: int
    separator: str = " "


def _post(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    # A redirect is the form's success; anything else means the text was not kept.
    assert response.status_code == 302, (url, response.status_code)


def write_comment(client, world, text):
    page = world.pages["discussion in A"]
    _post(client, reverse("conversation:post", args=[page.pk]), {"body": text})
    return page.url


def write_reply(client, world, text):
    page = world.pages["discussion in A"]
    parent = world.comments["comment on discussion in A"].pk
    _post(client, reverse("conversation:post", args=[page.pk]), {"body": text, "parent": parent})
    return page.url


def write_comment_edit(client, world, text):
    page = world.pages["discussion in B"]
    _post(client, reverse("conversation:post", args=[page.pk]), {"body": "First draft"})
    mine = Comment.objects.filter(user__username="erin", comment__contains="First draft").last()
    _post(client, reverse("conversation:edit", args=[mine.pk]), {"body": text})
    return page.url


def _start_discussion(client, world, title, body) -> DiscussionPage:
    community = world.pages["A child"]
    url = reverse("communities:start-discussion", args=[community.pk])
    before = DiscussionPage.objects.child_of(community).count()
    _post(client, url, {"title": title, "body": body})
    assert DiscussionPage.objects.child_of(community).count() == before + 1, title
    return DiscussionPage.objects.child_of(community).latest("pk")


def write_discussion_title(client, world, text):
    return _start_discussion(client, world, text, "A body long enough to publish.").url


def write_discussion_body(client, world, text):
    return _start_discussion(client, world, "Payloads", text).url


def write_profile(*field_names):
    def write(client, world, text):
        data = {"display_name": "Erin", **dict.fromkeys(field_names, text)}
        _post(client, reverse("people:edit", args=["erin"]), data)
        return reverse("people:person", args=["erin"])

    return write


def write_suggestion(field_name):
    def write(client, world, text):
        data = {"title": "A suggestion", "body": "", field_name: text}
        _post(client, reverse("insights:suggest"), data)
        return reverse("insights:suggestions")

    return write


def write_search(client, world, text):
    return reverse("search") + "?" + urlencode({"query": text})


# Comments take 3,000 characters and discussion bodies 5,000: each takes every
# payload at once.
WRITABLE_FIELDS = [
    WritableField("comment", write_comment, 3000),
    WritableField("reply", write_reply, 3000),
    WritableField("edited comment", write_comment_edit, 3000),
    WritableField("discussion title", write_discussion_title, 120),
    WritableField("discussion body", write_discussion_body, 5000),
    # The short profile fields share each text, so one page shows them all. (The department
    # is picked from a list: a text people have not typed is refused, not stored.)
    WritableField(
        "profile details",
        write_profile("display_name", "job_title", "team", "location", "ask_me_about"),
        100,
    ),
    WritableField("bio", write_profile("bio"), 600),
    WritableField("expertise", write_profile("expertise"), 400, separator=", "),
    WritableField("suggestion title", write_suggestion("title"), 120),
    WritableField("suggestion details", write_suggestion("body"), 2000),
    WritableField("search query", write_search, 200),
]
