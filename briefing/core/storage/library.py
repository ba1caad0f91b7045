"""The template and brand library: built-in, user and team items in one place.

Folders (each holding ``templates/<id>.json`` and ``brands/<id>/brand.json`` + ``logo.svg`` or
``logo.png``):

- built-in: ``paths.resources_dir()`` (read-only);
- user: ``paths.user_templates_dir()`` / ``paths.user_brands_dir()`` (read-write);
- team: a shared folder chosen in Preferences (``team_library``; read-only).

When the same id appears in several places, built-in wins over user, and user over team. The
folders are listed on every call so a change in the team folder shows up at once; parsed files
are cached by (modification time, size) so that stays cheap. A damaged file is skipped and
reported by :meth:`Library.problems`, never fatal to the listing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Literal, TypeVar

from briefing.core import paths
from briefing.core.errors import (
    BrandError,
    BriefingError,
    IdConflictError,
    LibraryError,
    PackageError,
    TemplateError,
)
from briefing.core.model.document import Briefing
from briefing.core.model.ids import unique_id
from briefing.core.model.template import Brand, LibraryKind, SectionSpec, Template
from briefing.core.storage import packages
from briefing.core.storage.brand_folder import (
    LOGO_FILES,
    read_brand_folder,
    remove_file,
    write_brand_folder,
    write_file,
)
from briefing.core.storage.brand_yml import BrandYmlImport, read_brand_yml
from briefing.core.storage.brand_yml_out import write_brand_yml
from briefing.core.storage.preferences import team_library_dir
from briefing.core.storage.template_io import (
    brand_from_dict,
    brand_to_dict,
    read_json_file,
    template_from_dict,
    template_to_dict,
    template_to_json,
)

OnConflict = Literal["error", "replace", "keep-both"]
Origin = Literal["builtin", "user", "team"]
_ORIGINS: tuple[Origin, ...] = ("builtin", "user", "team")
TEMPLATE_EXPORT_SUFFIXES = (packages.TEMPLATE_SUFFIX, ".json")
BRAND_YML_SUFFIXES = (".yml", ".yaml")
BRAND_EXPORT_SUFFIXES = (packages.BRAND_SUFFIX, *BRAND_YML_SUFFIXES)

T = TypeVar("T", Template, Brand)
R = TypeVar("R")


class Library:
    """Built-in, user and team templates and brands (see the module docstring)."""

    def __init__(self, user_dir: Path | None = None, team_dir: Path | None = None) -> None:
        """``user_dir`` holds ``templates/`` and ``brands/`` (default: the platformdirs data
        folder); ``team_dir`` is the shared folder (default: read from Preferences on each
        call, so choosing a new one takes effect at once)."""
        self._user_dir = user_dir
        self._team_dir = team_dir
        self._cache: dict[Path, tuple[int, int, object]] = {}
        self._problems: dict[Path, str] = {}

    # -- folders ---------------------------------------------------------------------------

    def user_templates_dir(self) -> Path:
        """Where user templates are written."""
        return self._user_dir / "templates" if self._user_dir else paths.user_templates_dir()

    def user_brands_dir(self) -> Path:
        """Where user brands are written."""
        return self._user_dir / "brands" if self._user_dir else paths.user_brands_dir()

    def team_dir(self) -> Path | None:
        """The team folder in use, or ``None``."""
        return self._team_dir if self._team_dir is not None else team_library_dir()

    def _template_dirs(self) -> list[tuple[Origin, Path]]:
        dirs: list[tuple[Origin, Path]] = [
            ("builtin", paths.resources_dir() / "templates"),
            ("user", self.user_templates_dir()),
        ]
        team = self.team_dir()
        if team is not None:
            dirs.append(("team", team / "templates"))
        return dirs

    def _brand_dirs(self) -> list[tuple[Origin, Path]]:
        dirs: list[tuple[Origin, Path]] = [
            ("builtin", paths.resources_dir() / "brands"),
            ("user", self.user_brands_dir()),
        ]
        team = self.team_dir()
        if team is not None:
            dirs.append(("team", team / "brands"))
        return dirs

    def problems(self) -> list[str]:
        """One line per library file that could not be read at the last listing."""
        return sorted(self._problems.values())

    # -- templates -------------------------------------------------------------------------

    def templates(self) -> list[Template]:
        """Every template: built-ins first (in a fixed order), then user, then team."""
        found: dict[str, Template] = {}
        for origin, folder in self._template_dirs():
            for file in _files(folder, "*.json"):
                t = self._load(file, origin, self._read_template)
                if t is not None and t.id not in found:
                    found[t.id] = t
        for bundle in self._team_packages():
            if bundle.template is not None and bundle.template.id not in found:
                found[bundle.template.id] = bundle.template
        return sorted(found.values(), key=_order)

    def template(self, template_id: str) -> Template:
        """The template with this id; ``TemplateError`` if there is none."""
        found = self.templates()
        for t in found:
            if t.id == template_id:
                return t
        known = ", ".join(t.id for t in found)
        raise TemplateError(f"no template with id '{template_id}' (there are: {known})")

    def save_template(self, t: Template) -> Template:
        """Write a user template (new or changed); built-in and team ids are read-only."""
        self._check_writable(self._find(self.templates(), t.id), "template")
        checked = template_from_dict(template_to_dict(_plain(t)), name=t.id)
        folder = self.user_templates_dir()
        write_file(folder / f"{checked.id}.json", template_to_json(checked))
        return replace(checked, origin="user")

    def duplicate_template(
        self, template_id: str, new_id: str | None = None, new_name: str | None = None
    ) -> Template:
        """Copy any template (built-ins included) into a new user template."""
        source = self.template(template_id)
        taken = {t.id for t in self.templates()}
        new_id = new_id or unique_id(f"{source.id}-copy"[:60], taken)
        if new_id in taken:
            raise TemplateError(f"a template with id '{new_id}' already exists")
        copy = replace(source, id=new_id, name=new_name or f"{source.name} (copy)")
        return self.save_template(_plain(copy))

    def rename_template(self, template_id: str, name: str) -> Template:
        """Give a user template a new display name (its id stays)."""
        t = self.template(template_id)
        self._check_writable(t, "template")
        return self.save_template(replace(t, name=name))

    def delete_template(self, template_id: str) -> None:
        """Delete a user template."""
        t = self.template(template_id)
        self._check_writable(t, "template")
        remove_file(self.user_templates_dir() / f"{t.id}.json")

    def template_from_briefing(
        self, briefing: Briefing, *, id: str, name: str, save: bool = True
    ) -> Template:
        """ "Save as template": the briefing's structure (sections, budgets, label, brand)."""
        base = briefing.template
        specs = {s.id: s for s in base.sections} if base else {}
        sections = []
        for s in briefing.sections:
            spec = specs.get(s.id)
            sections.append(
                SectionSpec(
                    id=s.id,
                    title=s.title,
                    guidance=s.guidance,
                    fill=list(spec.fill) if spec else ["none"],
                    word_budget=s.word_budget,
                    required=spec.required if spec else False,
                )
            )
        t = Template(
            id=id,
            name=name,
            description=base.description if base else "",
            sections=sections,
            page_budget=base.page_budget if base else None,
            likelihood_scale=briefing.likelihood_scale,
            handling=briefing.meta.handling or (base.handling if base else "TLP:CLEAR"),
            brand=briefing.brand.id if briefing.brand else (base.brand if base else "default"),
        )
        return self.save_template(t) if save else template_from_dict(template_to_dict(t), name=id)

    def export_template(self, template_id: str, path: Path) -> None:
        """Write the template, with its brand and the brand's assets, as one package file
        (or, for a ``.json`` path, the template alone)."""
        _check_suffix(path, TEMPLATE_EXPORT_SUFFIXES, "a template package")
        t = _plain(self.template(template_id))
        if path.suffix.lower() == ".json":
            write_file(path, template_to_json(t), backup=True)
            return
        brands = [_plain(b) for b in self.brands() if b.id == t.brand]
        write_file(path, packages.package_bytes("template", t, brands), backup=True)

    def import_template(self, path: Path, *, on_conflict: OnConflict = "error") -> Template:
        """Import a template package (or template ``.json``). Everything is validated before
        anything is written; ``on_conflict`` decides what an existing id does."""
        if path.suffix.lower() == ".json":
            t = template_from_dict(read_json_file(path), name=str(path))
            bundle = packages.Package(kind="template", template=t)
        else:
            bundle = packages.read_package(path)
        if bundle.kind != "template" or bundle.template is None:
            raise PackageError("this package holds a brand, not a template", path)
        t = _plain(bundle.template)
        # Decide every id before writing anything.
        brand_writes: list[Brand] = []
        for brand in bundle.brands:
            existing = self._find(self.brands(), brand.id)
            if existing is not None and _same_brand(existing, brand):
                continue
            new_brand = self._resolve(brand, existing, self.brands(), on_conflict, path)
            if brand.id == t.brand:
                t = replace(t, brand=new_brand.id)
            brand_writes.append(new_brand)
        existing_t = self._find(self.templates(), t.id)
        t = self._resolve(t, existing_t, self.templates(), on_conflict, path)
        for brand in brand_writes:
            write_brand_folder(self.user_brands_dir(), _plain(brand))
        return self.save_template(t)

    # -- brands ----------------------------------------------------------------------------

    def brands(self) -> list[Brand]:
        """Every brand: built-ins first, then user, then team; logos as data: URIs."""
        found: dict[str, Brand] = {}
        for origin, folder in self._brand_dirs():
            for file in _files(folder, "*/brand.json"):
                b = self._load(file, origin, self._read_brand)
                if b is not None and b.id not in found:
                    found[b.id] = b
        for bundle in self._team_packages():
            for b in bundle.brands:
                found.setdefault(b.id, b)
        return sorted(found.values(), key=_order)

    def brand(self, brand_id: str) -> Brand:
        """The brand with this id; ``BrandError`` if there is none."""
        found = self.brands()
        for b in found:
            if b.id == brand_id:
                return b
        known = ", ".join(b.id for b in found)
        raise BrandError(f"no brand with id '{brand_id}' (there are: {known})")

    def save_brand(self, b: Brand) -> Brand:
        """Write a user brand (new or changed); built-in and team ids are read-only."""
        self._check_writable(self._find(self.brands(), b.id), "brand")
        checked = brand_from_dict(brand_to_dict(_plain(b)), name=b.id)
        write_brand_folder(self.user_brands_dir(), _plain(checked))
        return replace(checked, origin="user")

    def duplicate_brand(
        self, brand_id: str, new_id: str | None = None, new_name: str | None = None
    ) -> Brand:
        """Copy any brand (built-ins included) into a new user brand."""
        source = self.brand(brand_id)
        taken = {b.id for b in self.brands()}
        new_id = new_id or unique_id(f"{source.id}-copy"[:60], taken)
        if new_id in taken:
            raise BrandError(f"a brand with id '{new_id}' already exists")
        copy = replace(source, id=new_id, name=new_name or f"{source.name} (copy)")
        return self.save_brand(_plain(copy))

    def rename_brand(self, brand_id: str, name: str) -> Brand:
        """Give a user brand a new display name (its id stays)."""
        b = self.brand(brand_id)
        self._check_writable(b, "brand")
        return self.save_brand(replace(b, name=name))

    def delete_brand(self, brand_id: str) -> None:
        """Delete a user brand and its folder."""
        b = self.brand(brand_id)
        self._check_writable(b, "brand")
        folder = self.user_brands_dir() / b.id
        try:
            shutil.rmtree(folder)
        except OSError as err:
            raise BrandError(f"cannot delete ({err.strerror or err})", folder) from None

    def export_brand(self, brand_id: str, path: Path) -> None:
        """Write the brand and its assets as one package file."""
        _check_suffix(path, (packages.BRAND_SUFFIX,), "a brand package")
        b = _plain(self.brand(brand_id))
        write_file(path, packages.package_bytes("brand", None, [b]), backup=True)

    def export_brand_yml(self, brand_id: str, path: Path) -> list[Path]:
        """Write the brand as Quarto's ``_brand.yml`` with its logo and fonts beside it;
        the files written."""
        _check_suffix(path, BRAND_YML_SUFFIXES, "a brand.yml")
        return write_brand_yml(_plain(self.brand(brand_id)), path)

    def import_brand_yml(self, path: Path, *, on_conflict: OnConflict = "error") -> BrandYmlImport:
        """Import a ``_brand.yml``: the brand saved and what the import has to say."""
        found = read_brand_yml(path)
        existing = self._find(self.brands(), found.brand.id)
        brand = self._resolve(found.brand, existing, self.brands(), on_conflict, path)
        return BrandYmlImport(self.save_brand(brand), found.notes)

    def import_brand(self, path: Path, *, on_conflict: OnConflict = "error") -> Brand:
        """Import a brand package; validated in full before anything is written."""
        bundle = packages.read_package(path)
        if bundle.kind != "brand":
            raise PackageError("this package holds a template, not a brand", path)
        brand = _plain(bundle.brands[0])
        existing = self._find(self.brands(), brand.id)
        brand = self._resolve(brand, existing, self.brands(), on_conflict, path)
        return self.save_brand(brand)

    # -- helpers ---------------------------------------------------------------------------

    def _team_packages(self) -> list[packages.Package]:
        """Packages dropped straight into the team folder (``*.bftemplate``, ``*.bfbrand``)."""
        team = self.team_dir()
        if team is None:
            return []
        files = _files(team, "*" + packages.TEMPLATE_SUFFIX)
        files += _files(team, "*" + packages.BRAND_SUFFIX)
        found = [self._load(f, "team", self._read_team_package) for f in files]
        return [p for p in found if p is not None]

    @staticmethod
    def _read_team_package(file: Path, origin: Origin) -> packages.Package:
        bundle = packages.read_package(file, within=file.parent)
        return packages.Package(
            kind=bundle.kind,
            template=replace(bundle.template, origin=origin, builtin=False)
            if bundle.template
            else None,
            brands=[replace(b, origin=origin, builtin=False) for b in bundle.brands],
        )

    def _load(self, file: Path, origin: Origin, reader: Callable[[Path, Origin], R]) -> R | None:
        stamp = _stamp(file)
        if stamp is None:
            return None
        cached = self._cache.get(file)
        if cached is not None and cached[0] == stamp[0] and cached[1] == stamp[1]:
            self._problems.pop(file, None)
            return cached[2]  # type: ignore[return-value]
        try:
            item = reader(file, origin)
        except BriefingError as err:
            self._problems[file] = str(err)
            return None
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError) as err:
            # One damaged file never takes the listing (and every command) down with it.
            reason = f"could not be read ({type(err).__name__}: {str(err)[:80]})"
            self._problems[file] = str(LibraryError(reason, file))
            return None
        self._problems.pop(file, None)
        self._cache[file] = (stamp[0], stamp[1], item)
        return item

    @staticmethod
    def _read_template(file: Path, origin: Origin) -> Template:
        t = template_from_dict(read_json_file(file, within=file.parent), name=str(file))
        if t.id != file.stem:
            raise TemplateError(f"the template id '{t.id}' does not match the file name", file)
        return replace(t, origin=origin, builtin=origin == "builtin")

    @staticmethod
    def _read_brand(file: Path, origin: Origin) -> Brand:
        b = read_brand_folder(file)
        return replace(b, origin=origin, builtin=origin == "builtin")

    @staticmethod
    def _find(items: list[T], item_id: str) -> T | None:
        return next((i for i in items if i.id == item_id), None)

    @staticmethod
    def _check_writable(existing: Template | Brand | None, what: str) -> None:
        if existing is not None and existing.read_only:
            where = "built-in" if existing.origin == "builtin" or existing.builtin else "team"
            error = TemplateError if what == "template" else BrandError
            raise error(
                f"the {what} '{existing.id}' is {where} and read-only; duplicate it to change it"
            )

    def _resolve(
        self, item: T, existing: T | None, items: list[T], on_conflict: OnConflict, path: Path
    ) -> T:
        """The item to write, renamed or refused according to ``on_conflict``."""
        what: LibraryKind = "template" if isinstance(item, Template) else "brand"
        if existing is None:
            return item
        if on_conflict == "error":
            raise IdConflictError(what, item.id, path, existing_read_only=existing.read_only)
        if on_conflict == "replace" and not existing.read_only:
            return item
        if on_conflict == "replace":
            raise IdConflictError(what, item.id, path, existing_read_only=True, replacing=True)
        taken = {i.id for i in items}
        new_id = next(
            f"{item.id[:60]}-{n}" for n in range(2, 10_000) if f"{item.id[:60]}-{n}" not in taken
        )
        return replace(item, id=new_id, name=f"{item.name} (imported)")


def _stamp(file: Path) -> tuple[int, int] | None:
    """(latest modification time, total size) of a library file and its logo files."""
    try:
        st = file.stat()
    except OSError:
        return None
    mtime, size = st.st_mtime_ns, st.st_size
    if file.name == "brand.json":
        for logo_name, _mime in LOGO_FILES:
            try:
                lst = (file.parent / logo_name).stat()
            except OSError:
                continue
            mtime, size = max(mtime, lst.st_mtime_ns), size + lst.st_size + 1
    return mtime, size


def _files(folder: Path, pattern: str) -> list[Path]:
    """Matching regular files, skipping hidden ones (e.g. half-written temporaries) and links
    that lead out of the folder, so nothing outside the chosen folders is ever read."""
    try:
        root = folder.resolve()
        found = []
        for p in folder.glob(pattern):
            if p.name.startswith(".") or not p.is_file():
                continue
            if not p.resolve().is_relative_to(root):
                continue
            found.append(p)
        return sorted(found)
    except OSError:
        return []


def _order(item: Template | Brand) -> tuple[int, str, str]:
    builtin_order = ["standard", "bluf", "decision-memo", "sitrep", "default"]
    origin = item.origin if item.origin in _ORIGINS else "user"
    rank = builtin_order.index(item.id) if item.id in builtin_order else len(builtin_order)
    return (_ORIGINS.index(origin), f"{rank:03d}", item.name.lower())


def _plain(item: T) -> T:
    return replace(item, origin="", builtin=False)


def _same_brand(a: Brand, b: Brand) -> bool:
    return brand_to_dict(_plain(a)) == brand_to_dict(_plain(b))


def _check_suffix(path: Path, suffixes: tuple[str, ...], what: str) -> None:
    """A package goes only into a file named for one: never over a briefing or an article."""
    if path.suffix.lower() not in suffixes:
        raise LibraryError(f"the name of {what} must end in {' or '.join(suffixes)}", path)
