from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from home import services


@require_POST
def dismiss_tour(request):
    """Close the first-run tour for good; the tour's script posts here in the background."""
    services.dismiss_tour(request.user)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"dismissed": True})
    return redirect("/")
