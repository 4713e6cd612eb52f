import { Module } from '@nestjs/common';
import { ProviderModule } from '../provider/provider.module';
import { SettingsModule } from '../settings/settings.module';
import { ProvidersCatalogueController } from './providers-catalogue.controller';
import { ProvidersCatalogueService } from './providers-catalogue.service';

/** GET /api/providers/:provider/models. */
@Module({
  imports: [ProviderModule, SettingsModule],
  controllers: [ProvidersCatalogueController],
  providers: [ProvidersCatalogueService],
})
export class ProvidersCatalogueModule {}
