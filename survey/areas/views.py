"""Areas of the town: the list, add, rename, move up/down and remove."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from wtforms import StringField

from .. import db
from ..auth import coordinator_required
from ..forms import ActionForm, BaseForm
from ..i18n import gettext as _
from ..i18n import language_name, localized
from ..models import Area
from ..services import areas
from ..services.surveys import BuilderError

bp = Blueprint("areas", __name__, url_prefix="/areas")


def area_form(data: dict[str, str] | None = None) -> BaseForm:
    """One name per interface language, German first, and the easy-read German name."""

    class AreaForm(BaseForm):
        pass

    for lang in current_app.config["LANGUAGES"]:
        setattr(AreaForm, f"label_{lang}", StringField(language_name(lang)))
    AreaForm.easy_de = StringField(_("%(language)s easy-read", language=language_name("de")))
    return AreaForm(data=data)


def _labels(form: BaseForm) -> tuple[dict[str, str], dict[str, str]]:
    languages = current_app.config["LANGUAGES"]
    return {lang: form[f"label_{lang}"].data for lang in languages}, {"de": form.easy_de.data}


def _show_error(form: BaseForm, error: BuilderError) -> None:
    field = error.field.replace("-", "_")
    target = form[field] if field in form else form.label_de
    target.errors = [*target.errors, str(error.message)]


def _load(area_id: int) -> Area:
    if area_id > 2**62:
        abort(404)
    return db.get_session().get(Area, area_id) or abort(404)


@bp.get("/")
@coordinator_required
def index():
    session = db.get_session()
    return render_template(
        "areas/index.html",
        areas=areas.list_areas(session),
        walks=areas.walk_counts(session),
        action=ActionForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@coordinator_required
def add():
    form = area_form()
    if form.validate_on_submit():
        try:
            area = areas.add_area(db.get_session(), *_labels(form))
        except BuilderError as error:
            _show_error(form, error)
        else:
            db.get_session().commit()
            flash(
                _("The area %(name)s has been added.", name=localized(area.texts, "label")),
                "success",
            )
            return redirect(url_for("areas.index"))
    status = 400 if form.errors else 200
    return render_template("areas/form.html", form=form, area=None), status


@bp.route("/<int:area_id>", methods=["GET", "POST"])
@coordinator_required
def edit(area_id: int):
    area = _load(area_id)
    texts = area.texts or {}
    data = {f"label_{lang}": text for lang, text in (texts.get("label") or {}).items()}
    data["easy_de"] = (texts.get("label_easy") or {}).get("de", "")
    form = area_form(data)
    if form.validate_on_submit():
        try:
            areas.update_area(db.get_session(), area, *_labels(form))
        except BuilderError as error:
            _show_error(form, error)
        else:
            db.get_session().commit()
            flash(
                _("The area %(name)s has been saved.", name=localized(area.texts, "label")),
                "success",
            )
            return redirect(url_for("areas.index"))
    status = 400 if form.errors else 200
    return render_template("areas/form.html", form=form, area=area), status


@bp.post("/<int:area_id>/move")
@coordinator_required
def move(area_id: int):
    area = _load(area_id)
    direction = request.form.get("to")
    if not ActionForm().validate_on_submit() or direction not in ("up", "down"):
        abort(400)
    areas.move_area(db.get_session(), area, -1 if direction == "up" else 1)
    db.get_session().commit()
    return redirect(url_for("areas.index", _anchor=f"area-{area.id}"))


@bp.route("/<int:area_id>/delete", methods=["GET", "POST"])
@coordinator_required
def delete(area_id: int):
    area = _load(area_id)
    form = ActionForm()
    name = localized(area.texts, "label")
    if form.validate_on_submit():
        try:
            areas.delete_area(db.get_session(), area)
        except BuilderError as error:
            flash(str(error.message), "error")
            return redirect(url_for("areas.index"))
        db.get_session().commit()
        flash(_("The area %(name)s has been removed.", name=name), "success")
        return redirect(url_for("areas.index"))
    walks = areas.walk_counts(db.get_session()).get(area.id, 0)
    return render_template("areas/delete.html", area=area, name=name, walks=walks, form=form)
