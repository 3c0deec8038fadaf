// The print button on the printable preparation document (no inline script: the CSP forbids it).
document.getElementById("print").addEventListener("click", function () { window.print(); });
