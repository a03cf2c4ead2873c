import { existsSync } from 'node:fs'

/**
 * Whether a Docker engine may be reachable. A cheap look before asking testcontainers, whose own probe of every
 * strategy takes seconds on a machine without Docker (this project's CI has none).
 */
export function dockerMayBeReachable(env: NodeJS.ProcessEnv): boolean {
  return (
    Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock') || existsSync(`${env.HOME}/.docker/run/docker.sock`)
  )
}
