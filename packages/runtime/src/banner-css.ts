/**
 * The styles of the consent banner and preferences dialog, adopted as one constructed stylesheet
 * (banner.ts). Light and dark follow `prefers-color-scheme`. Theme them with CSS custom
 * properties set on `:root` (or on `.cs`), each with its default in light / dark:
 *
 * | property | what | light | dark |
 * |---|---|---|---|
 * | `--cs-bg` | background | `#fff` | `#1f1f25` |
 * | `--cs-fg` | text | `#1b1b1f` | `#ececf1` |
 * | `--cs-muted` | secondary text, switch off | `#50505c` | `#b3b3bf` |
 * | `--cs-line` | borders | `#c4c4cf` | `#4a4a55` |
 * | `--cs-accent` | buttons, links, switch on | `#0b57d0` | `#a8c7fa` |
 * | `--cs-on-accent` | text on buttons | `#fff` | `#062e6f` |
 * | `--cs-focus` | focus ring | `--cs-fg` | `--cs-fg` |
 * | `--cs-radius` | corner radius | `12px` | |
 * | `--cs-font` | font family | `system-ui, …` | |
 * | `--cs-font-size` | base size | `15px` | |
 * | `--cs-z` | banner's z-index | `2147483000` | |
 *
 * A property set once applies to both schemes; set it again inside
 * `@media (prefers-color-scheme: dark)` for a dark value. Hooks for page styles: `.cs` (both),
 * `.cs-banner`, `.cs-dialog`, `.cs-cat` (a category), `[data-cookie-consent]` (the buttons).
 *
 * The banner is fixed at the bottom of the viewport (no layout shift: it moves no content), the
 * dialog is modal (the browser's top layer). Below 32rem the buttons stack at full width, each the
 * same size, so that accept and reject keep equal prominence.
 */
export const BANNER_CSS = `.cs{--_b:var(--cs-bg,#fff);--_f:var(--cs-fg,#1b1b1f);--_m:var(--cs-muted,#50505c);--_l:var(--cs-line,#c4c4cf);--_a:var(--cs-accent,#0b57d0);--_o:var(--cs-on-accent,#fff);--_r:var(--cs-radius,12px);color-scheme:light;box-sizing:border-box;color:var(--_f);background:var(--_b);font:var(--cs-font-size,15px)/1.5 var(--cs-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);text-align:start;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){.cs{--_b:var(--cs-bg,#1f1f25);--_f:var(--cs-fg,#ececf1);--_m:var(--cs-muted,#b3b3bf);--_l:var(--cs-line,#4a4a55);--_a:var(--cs-accent,#a8c7fa);--_o:var(--cs-on-accent,#062e6f);color-scheme:dark}}
.cs *,.cs ::before{box-sizing:inherit}
.cs h2{margin:0 0 .25rem;color:inherit;font:inherit;font-size:1.2em;font-weight:700;line-height:1.3}
.cs p{margin:0 0 .75rem}
.cs a,.cs summary{color:var(--_a)}
.cs :focus-visible{outline:3px solid var(--cs-focus,var(--_f));outline-offset:2px}
.cs button{min-height:2.75rem;margin:0;padding:.5rem 1rem;border:1px solid var(--_a);border-radius:calc(var(--_r)/2);background:var(--_a);color:var(--_o);font:inherit;font-weight:600;line-height:1.2;cursor:pointer}
.cs-actions{display:flex;gap:.5rem}
.cs-actions button{flex:1 1 0}
@media (max-width:32rem){.cs-actions{flex-direction:column}}
.cs-banner{position:fixed;z-index:var(--cs-z,2147483000);inset:auto 0 0;max-height:85vh;overflow:auto;padding:1rem 1.25rem;border-top:1px solid var(--_l);box-shadow:0 -4px 24px #0004}
@media (min-width:48rem){.cs-banner{inset:auto 1rem 1rem;max-width:60rem;margin:auto;border:1px solid var(--_l);border-radius:var(--_r)}}
.cs-dialog{width:min(42rem,100vw - 2rem);max-width:none;max-height:calc(100vh - 2rem);max-height:calc(100dvh - 2rem);padding:0;border:1px solid var(--_l);border-radius:var(--_r);box-shadow:0 12px 48px #0006;flex-direction:column}
.cs-dialog[open]{display:flex}
.cs-dialog::backdrop{background:#0008}
.cs-head{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.75rem 1.25rem;border-bottom:1px solid var(--_l)}
.cs-head h2{margin:0}
.cs .cs-x{flex:none;width:2.75rem;padding:0;border-color:var(--_l);background:none;color:var(--_f);font-size:1.5em}
.cs-body{flex:1;overflow:auto;padding:1rem 1.25rem}
.cs-dialog .cs-actions{padding:.75rem 1.25rem;border-top:1px solid var(--_l)}
.cs-cat{margin:0 0 .75rem;padding:.75rem 1rem;border:1px solid var(--_l);border-radius:calc(var(--_r)/1.5)}
.cs-cat p{margin:0 0 .25rem}
.cs-row{display:flex;align-items:center;justify-content:space-between;gap:1rem;font-weight:600}
.cs-status{color:var(--_m);font-size:.875em}
.cs [role=switch]{appearance:none;position:relative;flex:none;width:2.75rem;height:1.5rem;margin:0;border:2px solid var(--_m);border-radius:1rem;background:var(--_b);cursor:pointer}
.cs [role=switch]::before{content:"";position:absolute;top:2px;inset-inline-start:2px;width:1rem;height:1rem;border-radius:50%;background:var(--_m)}
.cs [role=switch]:checked{border-color:var(--_a);background:var(--_a)}
.cs [role=switch]:checked::before{inset-inline-start:calc(100% - 1rem - 2px);background:var(--_o)}
.cs [role=switch]:disabled{opacity:.6;cursor:default}
.cs summary{cursor:pointer}
.cs ul{margin:.25rem 0 0;padding:0;list-style:none}
.cs li{display:grid;padding:.5rem 0;border-top:1px solid var(--_l)}
.cs li span:nth-child(2){color:var(--_m);font-size:.875em}
.cs code{font:600 .9em ui-monospace,Menlo,Consolas,monospace}`;
