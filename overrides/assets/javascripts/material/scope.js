/* The script Material for MkDocs writes inline in partials/javascripts/base.html, as a file so the
 * Content-Security-Policy needs no 'unsafe-inline' for scripts (overrides/partials/javascripts/).
 * Kept identical to Material's code; tests/test_output_policy.py compares them. */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
