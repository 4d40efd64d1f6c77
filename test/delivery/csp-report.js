// Collects CSP violations and script errors before anything else runs, for the parent test.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
);
window.addEventListener('error', (e) => window.__violations.push(`error: ${e.message}`));
