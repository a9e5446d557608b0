// Starts Swagger UI on this server's OpenAPI document (an external script: the CSP forbids inline ones).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  defaultModelsExpandDepth: 0,
});
