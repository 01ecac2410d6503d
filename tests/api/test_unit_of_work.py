from fastapi.routing import APIRoute

from app.api import auth, directory, health, training
from app.api.deps import db_session


def _db_dependencies(dependant):
    for sub in dependant.dependencies:
        if sub.call is db_session:
            yield sub
        yield from _db_dependencies(sub)


def test_every_endpoint_commits_before_its_response_is_sent():
    routers = (auth.router, directory.router, health.router, training.router)
    routes = [r for router in routers for r in router.routes if isinstance(r, APIRoute)]
    checked = 0
    for route in routes:
        for dep in _db_dependencies(route.dependant):
            assert dep.scope == "function", f"{route.path} commits after responding"
            checked += 1
    assert checked >= 15
