"""Pages kept once rendered, until the data changes.

A signed-in page costs its queries and its template; read again before anything was written,
it would come out the same. `reusable_page` keeps a page's HTML per user, address, language and
day, under the *data generation*: a number that every write to the database moves on
(`generation`). A write is seen where every query passes — the database connection — so no
service, bulk insert or raw statement can forget to say so.
"""
