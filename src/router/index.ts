export {
  type PathParamNames,
  type PathParams,
  type PathTemplate,
  parsePathTemplate,
  type TemplateSegment,
} from './path-template.js'
export { MALFORMED_PATH, type RouteMatch, Router } from './router.js'
