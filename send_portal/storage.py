from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed names, compressed copies), also rewriting the `import ... from`
    lines of JavaScript modules to hashed names: static/js/portal.js imports GOV.UK Frontend's
    module, which would otherwise load by its plain name, cached only briefly and not versioned."""

    support_js_module_import_aggregation = True
