"""API v1 at /api/v1/: one package per domain (`accounts`, `organisations`, `programmes`,
`exchange`, `incidents`, `reports`, `concerns`, `obligations`), each with `views`,
`serializers` and `urls`, over a shared base: `base` (views, parsing), `auth` (tokens),
`errors` (the one error shape), `pagination`, `fields` (serializer fields) and `views` (the docs
page, the 404 fall-through)."""
