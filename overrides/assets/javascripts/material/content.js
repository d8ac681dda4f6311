/* The last script Material for MkDocs writes inline in partials/javascripts/content.html, as a file so the
 * Content-Security-Policy needs no 'unsafe-inline' for scripts (overrides/partials/javascripts/).
 * Kept identical to Material's code; tests/test_output_policy.py compares them. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
