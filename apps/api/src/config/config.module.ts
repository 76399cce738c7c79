import { Global, Module } from '@nestjs/common';
import { EnvConfig } from '../../../../libs/config/src';

export const CONFIG = Symbol('CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static with(config: EnvConfig) {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
