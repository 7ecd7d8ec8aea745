def clear_device_on_logout(get_response):
    """Logging out empties this site's caches and storage on the device (the service worker's
    pages, the reference lists and the outbox), so the next person on the same browser finds
    none of them (`Clear-Site-Data`). The page warns first when entries are still waiting."""

    def middleware(request):
        response = get_response(request)
        match = request.resolver_match
        if request.method == "POST" and match and match.view_name == "accounts:logout":
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    return middleware
