/* The first script Material for MkDocs writes inline in partials/javascripts/content.html, as a file so the
 * Content-Security-Policy needs no 'unsafe-inline' for scripts (overrides/partials/javascripts/).
 * Kept identical to Material's code; tests/test_output_policy.py compares them. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
