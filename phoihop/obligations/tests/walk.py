"""The obligations app's rows of the access walk (phoihop/tests/test_access_walk.py).

"Việc của tôi", its count and the API list only the signed-in person's own obligations; there is
no page per obligation (a row links to its object's own page, scoped by its app).
"""

NO_OBJECT = {"obligations:mine", "obligations:count", "api:my_obligations"}


def objects(world) -> dict[str, int]:
    return {}
