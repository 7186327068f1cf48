import { NextResponse, type NextRequest } from 'next/server';
import { appClock, parseCalendarDate, startOfDayInstant } from '@/lib/calendar';
import { appConfig } from '@/lib/server/config/app-config';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { runDueNotices } from '@/lib/server/notices/run-due-notices';

/**
 * End-to-end runs only (demo mode, no SMTP, and E2E_CLOCK_CONTROL=1 in the server's environment):
 * moves the app clock to noon (payer time) of a day, or back (`{ "reset": true }`), then runs the
 * notices job once, as the scheduler would on that day. The same CLOCK_OFFSET_DAYS the db tests
 * move; nothing else can reach it.
 */
export async function POST(request: NextRequest) {
  const config = appConfig();
  if (!config.demoMode || config.smtpUrl || process.env.E2E_CLOCK_CONTROL !== '1') return new NextResponse(null, { status: 404 });
  const body = (await request.json().catch(() => ({}))) as { date?: string; reset?: boolean };
  if (body.reset) delete process.env.CLOCK_OFFSET_DAYS;
  else {
    const day = parseCalendarDate(String(body.date ?? ''));
    const target = startOfDayInstant(day).getTime() + 12 * 3_600_000;
    // On top of CLOCK_NOW, where the run pinned one (lib/testing/e2e-payer-day.ts).
    const base = appClock({ CLOCK_NOW: process.env.CLOCK_NOW }).now().getTime();
    process.env.CLOCK_OFFSET_DAYS = String((target - base) / 86_400_000);
  }
  const notices = await runDueNotices();
  await settleMailDeliveries();
  return NextResponse.json({ now: appClock().now().toISOString(), notices });
}
