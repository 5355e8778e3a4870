/** How far publication is behind the ledger, for operators and dashboards. */
import { Controller, Get } from '@nestjs/common';
import { RequiresPermission } from '@ledger/auth';
import { RelayService } from './relay.service';

@RequiresPermission('read-operations')
@Controller('relay')
export class RelayStatusHttpController {
  constructor(private readonly relay: RelayService) {}

  @Get('lag')
  async lag() {
    return { active: this.relay.isActive(), ...(await this.relay.lag()) };
  }
}
