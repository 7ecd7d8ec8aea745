from django.db import models


class Generation(models.Model):
    """The data generation: one row, moved on after every transaction that wrote (see
    `simitra.pagecache.generation`). Pages kept under an older number are not served again."""

    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = "pagecache_generation"

    def __str__(self):
        return str(self.value)
