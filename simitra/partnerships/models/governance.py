"""What is left here of governance, whose models moved to `simitra.governance`.

Migrations 0003 and 0004 name this function as the meeting documents' `upload_to`, so it stays
importable for them (historical migrations are not edited); the models use
`simitra.governance.models.meeting_document_path`.
"""

import uuid


def meeting_document_path(instance, filename: str) -> str:
    return f"governance/{instance.meeting.partnership_id}/{uuid.uuid4().hex}/{filename}"
