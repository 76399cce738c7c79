import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { EnvConfig } from '../../../../libs/config/src';
import { dataConverterFor, parseEncryptionKeys, temporalTls } from '../../../../libs/temporal/src';
import { CONFIG } from '../config/config.module';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [CONFIG],
      useFactory: async (config: EnvConfig) => {
        const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
        return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS)) });
      },
    },
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown() {
    await this.client.connection.close();
  }
}
