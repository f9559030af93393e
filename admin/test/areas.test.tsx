import { fireEvent, screen, waitFor } from '@testing-library/react'
import AreasPage from '../src/pages/areas'
import * as areas from '../src/services/areas'
import { renderConsole } from './render'

jest.setTimeout(60_000)
jest.mock('../src/services/areas')
const api = areas as jest.Mocked<typeof areas>

test("乡镇村与人口: a township's 16–60 population is changed in a dialog and saved", async () => {
  api.listAdminAreas.mockResolvedValue([
    { code: '610923100', name: '城关镇', parentCode: null, population16to60: 21000 },
    { code: '610923100001', name: '东关社区', parentCode: '610923100', population16to60: 3200 }
  ])
  api.updateArea.mockResolvedValue({ code: '610923100', name: '城关镇', parentCode: null, population16to60: 21500 })
  renderConsole(<AreasPage />)
  fireEvent.click(await screen.findByLabelText('修改 城关镇'))
  const population = await screen.findByLabelText('16–60岁人口')
  expect(population).toHaveValue('21000')
  fireEvent.change(population, { target: { value: '21500' } })
  fireEvent.click(screen.getByText(/^保\s?存$/))
  await waitFor(() => expect(api.updateArea).toHaveBeenCalledWith('610923100', { name: '城关镇', population16to60: 21500 }))
})
