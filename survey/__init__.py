"""Mitsprache: accessible, multilingual needs assessment for local inclusion networks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from . import areas, auth, builder, config, db, errors, i18n, main, respond, security, walks
from .forms import error_list
from .questions import get_type


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application: config, database, languages, security, blueprints, CLI."""
    root = config.ROOT
    if not (root / "templates").is_dir():
        raise RuntimeError(
            f"Mitsprache's templates/ folder is not in {root}. Run it from a checkout "
            "(git clone, then `pip install -e .` there), as README.md 'Deploying' describes."
        )
    app = Flask(
        __name__,
        instance_path=str(root / "instance"),
        template_folder=str(root / "templates"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(Path(app.instance_path)))
    app.config.from_mapping(config_overrides or {})

    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    errors.init_app(app)

    app.jinja_env.globals.update(error_list=error_list, qtype=get_type)

    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(respond.bp)
    walks.init_app(app)
    app.register_blueprint(builder.bp)
    app.register_blueprint(areas.bp)

    from . import results

    app.register_blueprint(results.bp)

    from .cli import register

    register(app)
    return app
