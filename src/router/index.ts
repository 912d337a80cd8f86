export {
  type PathParamNames,
  type PathParams,
  type PathTemplate,
  parsePathTemplate,
  type TemplateSegment,
} from './path-template.js'
export { type ListedRoute, MALFORMED_PATH, type RouteMatch, Router } from './router.js'
