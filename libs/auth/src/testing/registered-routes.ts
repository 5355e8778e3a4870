/**
 * Every HTTP route a NestJS application registered, with the access it declares: what
 * the access matrix test walks through, so a route added without a permission (or left
 * out of the test) cannot go unnoticed.
 */
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { Permission } from '../policy/access-policy';
import { PUBLIC_ROUTE, ROUTE_PERMISSION } from '../http/route-access';

export interface RegisteredRoute {
  method: string;
  /** With NestJS parameters, e.g. `/partnerships/:partnershipId/events`. */
  path: string;
  /** 'public', the permission it requires, or undefined when it declares neither. */
  access: Permission | 'public' | undefined;
  /** The handler, e.g. to read its OpenAPI metadata. */
  handler: object;
}

export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as { prototype: object } & object;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of methodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, object>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        routes.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[base, path].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`,
          access: accessOf(handler, controller),
          handler,
        });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

function accessOf(handler: object, controller: object): RegisteredRoute['access'] {
  const metadata = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  return metadata(PUBLIC_ROUTE) === true ? 'public' : (metadata(ROUTE_PERMISSION) as Permission | undefined);
}

/** Own and inherited methods, as NestJS scans them. */
function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (let current = prototype; current && current !== Object.prototype; current = Object.getPrototypeOf(current) as object) {
    for (const name of Object.getOwnPropertyNames(current)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}
